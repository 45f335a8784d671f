using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helpline.Browser.Tests.Support;

/// <summary>
/// The simulator page, driven as a content editor drives it. Each action waits for its turn to be
/// shown (the page counts finished turns in body[data-turns]), never for a fixed time.
/// </summary>
public sealed class SimulatorPage(IPage page)
{
    public IPage Page => page;
    public ILocator Conversation => page.Locator("#conversation");
    public ILocator HelplineBubbles => page.Locator("#conversation .bubble.from-helpline");
    public ILocator PromptGroups => page.Locator("#conversation .prompts");
    public ILocator Position => page.Locator("#position");
    public ILocator FlowPicture => page.Locator("#flow-picture");

    public static async Task<SimulatorPage> OpenAsync(SimulatorBrowser browser)
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/simulator");
        Assert.Equal(200, response?.Status);
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        return new SimulatorPage(page);
    }

    /// <summary>Picks a language by the name the picker shows (the language's own script).</summary>
    public Task ChooseLanguageAsync(string name) =>
        AfterTurnAsync(() => page.Locator("#language").SelectOptionAsync(new SelectOptionValue { Label = name }));

    /// <summary>Switches to the voice channel, which places a call.</summary>
    public Task CallAsync() => AfterTurnAsync(() => page.Locator("#channel-voice").CheckAsync());

    public Task TextAsync(string message) => AfterTurnAsync(async () =>
    {
        await page.Locator("#sms-input").FillAsync(message);
        await page.Locator("#sms-input").PressAsync("Enter");
    });

    public Task PressAsync(string key) => AfterTurnAsync(() => page.Locator($"#keypad button[data-key='{key}']").ClickAsync());

    public Task StaySilentAsync() => AfterTurnAsync(() => page.Locator("#silence").ClickAsync());

    /// <summary>The writing direction the browser lays the conversation out in.</summary>
    public Task<string> ConversationDirectionAsync() => Conversation.EvaluateAsync<string>("e => getComputedStyle(e).direction");

    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(SimulatorBrowser.ArtifactsFolder);
        var path = Path.Combine(SimulatorBrowser.ArtifactsFolder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }

    private async Task AfterTurnAsync(Func<Task> action)
    {
        var before = await page.EvaluateAsync<int>("() => Number(document.body.dataset.turns || 0)");
        await action();
        await Expect(page.Locator($"body[data-turns='{before + 1}']")).ToHaveCountAsync(1);
    }
}
