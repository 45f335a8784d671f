using Helpline.Browser.Tests.Support;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helpline.Browser.Tests;

/// <summary>What a content editor sees in /simulator, in a real browser: Dari by text and by keypad.</summary>
[Collection(SimulatorBrowserCollection.Name)]
public sealed class SimulatorPageTests(SimulatorBrowser browser)
{
    /// <summary>Set to 1 to refresh docs/simulator.png, the README's picture, from this run.</summary>
    public const string UpdateScreenshotVariable = "HELPLINE_UPDATE_SCREENSHOT";

    private const string Dari = "fa-AF";
    private static readonly ContentBundle Content = ContentLoader.Load(SimulatorServer.RepoRoot);

    [Fact]
    public async Task ChoosingDari_LaysTheConversationOutRightToLeft()
    {
        var simulator = await SimulatorPage.OpenAsync(browser);
        Assert.Equal("ltr", await simulator.ConversationDirectionAsync());

        await simulator.ChooseLanguageAsync("دری");

        Assert.Equal("rtl", await simulator.ConversationDirectionAsync());
        await Expect(simulator.HelplineBubbles.Last).ToContainTextAsync(Text("main.fear"));
    }

    [Fact]
    public async Task TextingInDari_ReachesWhatToSayWhenAfraid_WithItsCostAndItsPlaceInTheFlow()
    {
        var simulator = await SimulatorPage.OpenAsync(browser);

        await simulator.TextAsync("دری");
        await simulator.TextAsync("۲");

        var answer = simulator.HelplineBubbles.Last;
        await Expect(answer).ToContainTextAsync(Text("fear_say.1"));
        var cost = answer.Locator(".bubble-meta");
        await Expect(cost).ToHaveAttributeAsync("data-encoding", "UCS-2");
        var segments = int.Parse(await cost.GetAttributeAsync("data-segments") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(segments, 1, new EngineOptions().SmsSegmentBudget);
        Assert.Equal("rtl", await simulator.ConversationDirectionAsync());

        await Expect(simulator.Position).ToHaveTextAsync("main/fear_say");
        await ExpectCurrentNodeDrawnAsync(simulator, "fear_say");

        var screenshot = await simulator.ScreenshotAsync("simulator-dari.png");
        if (Environment.GetEnvironmentVariable(UpdateScreenshotVariable) == "1")
            File.Copy(screenshot, Path.Combine(SimulatorServer.RepoRoot, "docs", "simulator.png"), overwrite: true);
    }

    [Fact]
    public async Task CallingInDari_ByKeypad_PlaysStandInsThatLoad()
    {
        var simulator = await SimulatorPage.OpenAsync(browser);

        await simulator.CallAsync();
        await simulator.PressAsync("8");
        await simulator.PressAsync("2");
        await simulator.PressAsync("1");

        var heard = simulator.PromptGroups.Last;
        await Expect(heard).ToContainTextAsync(Spoken("fear_say.1"));
        Assert.Equal("rtl", await simulator.ConversationDirectionAsync());

        // Twilio has no Dari voice: every prompt is an espeak-ng stand-in, with a player for its file.
        var prompts = heard.Locator(".prompt");
        var count = await prompts.CountAsync();
        Assert.True(count >= 2, $"expected the answer and its footer, heard {count} prompts");
        for (var i = 0; i < count; i++)
        {
            var prompt = prompts.Nth(i);
            await Expect(prompt).ToHaveAttributeAsync("data-source", "stand-in");
            await Expect(prompt.Locator(".source")).ToHaveTextAsync("stand-in");
            var audio = prompt.Locator("audio");
            var source = await audio.GetAttributeAsync("src") ?? "";
            Assert.StartsWith("/audio/fa-AF/", source);

            var file = await simulator.Page.APIRequest.GetAsync(source);
            Assert.Equal(200, file.Status);
            Assert.Equal("audio/wav", file.Headers["content-type"]);
            // The browser itself loaded and understood the file, not just the server sending it.
            await simulator.Page.WaitForFunctionAsync("a => a.readyState >= 1 || a.error !== null", await audio.ElementHandleAsync());
            Assert.Null(await audio.EvaluateAsync<int?>("a => a.error && a.error.code"));
        }

        await Expect(simulator.Position).ToHaveTextAsync("main/fear_say");
        await ExpectCurrentNodeDrawnAsync(simulator, "fear_say");
        await simulator.ScreenshotAsync("simulator-dari-voice.png");
    }

    [Fact]
    public async Task SilenceTwice_EndsTheCall_AndOffersToCallAgain()
    {
        var simulator = await SimulatorPage.OpenAsync(browser);
        await simulator.CallAsync();

        await simulator.StaySilentAsync();
        await simulator.StaySilentAsync();

        await Expect(simulator.Conversation.Locator(".note[data-kind=hangup]")).ToHaveCountAsync(1);
        await Expect(simulator.Page.Locator("#keypad button[data-key='1']")).ToBeDisabledAsync();
        await Expect(simulator.Page.Locator("#call-again")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ThePicture_FollowsTheConversation_IntoAnotherFlow()
    {
        var simulator = await SimulatorPage.OpenAsync(browser);
        await simulator.ChooseLanguageAsync("English");
        await simulator.TextAsync("8");
        await ExpectCurrentNodeDrawnAsync(simulator, "legal_help");

        await simulator.TextAsync("1");

        await Expect(simulator.Position).ToHaveTextAsync("legal_help/region_lawyers");
        await Expect(simulator.FlowPicture).ToHaveAttributeAsync("data-flow", "legal_help");
        await ExpectCurrentNodeDrawnAsync(simulator, "region_lawyers");
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1280, 720)]
    public async Task ThePicture_AtALaptopsWidth_NeedsNoSidewaysScrolling_AndShowsTheCurrentNode(int width, int height)
    {
        var simulator = await SimulatorPage.OpenAsync(browser);
        await simulator.Page.SetViewportSizeAsync(width, height);
        await simulator.ChooseLanguageAsync("English");

        await simulator.TextAsync("8");
        await simulator.TextAsync("2");

        await ExpectCurrentNodeDrawnAsync(simulator, "detention_list");
        Assert.True(await simulator.FlowPicture.EvaluateAsync<int>("e => e.scrollWidth - e.clientWidth") <= 0, "the picture scrolls sideways");
        Assert.True(await simulator.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, "the page scrolls sideways");
        await Expect(simulator.FlowPicture.Locator("svg g.current")).ToBeInViewportAsync();
        await simulator.ScreenshotAsync($"simulator-flow-{width}.png");
    }

    /// <summary>The flow's picture is drawn (an SVG drawn on the server) with the conversation's node marked.</summary>
    private static async Task ExpectCurrentNodeDrawnAsync(SimulatorPage simulator, string node)
    {
        await Expect(simulator.FlowPicture.Locator("svg")).ToBeVisibleAsync();
        await Expect(simulator.FlowPicture).ToHaveAttributeAsync("data-node", node);
        var current = simulator.FlowPicture.Locator("svg g.current");
        await Expect(current).ToHaveCountAsync(1);
        await Expect(current).ToContainTextAsync(node);
    }

    private static string Text(string key) => Content.Locales.Text(Dari, key);

    /// <summary>On a call a text may have a spoken variant (a website spelled out).</summary>
    private static string Spoken(string key) =>
        Content.Locales.Find(Dari, key + ConversationEngine.VoiceSuffix) is not null ? Text(key + ConversationEngine.VoiceSuffix) : Text(key);
}
