using Helpline.Browser.Tests.Support;
using Helpline.Core.Content;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helpline.Browser.Tests;

/// <summary>A volunteer reviews Dari in /simulator/review, in Chromium, as they would on a laptop or a phone.</summary>
[Collection(ReviewBrowserCollection.Name)]
public sealed class ReviewPageTests(ReviewBrowser browser)
{
    private const string Dari = "fa-AF";

    private async Task<IPage> OpenAsync(string culture = Dari, bool phone = false)
    {
        var page = await browser.NewPageAsync(phone);
        var response = await page.GotoAsync($"/simulator/review?lang={culture}");
        Assert.Equal(200, response?.Status);
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await page.Locator("#filter").SelectOptionAsync("all");
        return page;
    }

    private static ILocator Card(IPage page, string key) => page.Locator($"article.text[data-key='{key}']");

    private static async Task SaveAsync(IPage page, ILocator button)
    {
        var before = await page.EvaluateAsync<int>("() => Number(document.body.dataset.saves || 0)");
        await button.ClickAsync();
        // A save validates the whole content twice and reloads it: on a busy machine that takes more than the default 5 s.
        await Expect(page.Locator($"body[data-saves='{before + 1}']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task ApprovingADariTextAsItIs_MarksItReviewed_RecordsWhoAndCountsIt()
    {
        var page = await OpenAsync();
        await page.Locator("#reviewer").FillAsync("Mariam Ahmadi");
        var card = Card(page, "main.prompt");
        await Expect(card.Locator(".state")).ToHaveTextAsync("draft");
        var approved = await page.EvaluateAsync<int>("() => Number(document.body.dataset.approved)");

        await SaveAsync(page, card.Locator("button.approve"));

        card = Card(page, "main.prompt");
        await Expect(card).ToHaveAttributeAsync("data-outcome", "saved");
        await Expect(card.Locator(".state")).ToHaveTextAsync("reviewed");
        await Expect(card.Locator(".reviewed")).ToContainTextAsync("reviewed by Mariam Ahmadi");
        await Expect(page.Locator("#progress-text")).ToContainTextAsync($"{approved + 1} approved");
        var content = ContentLoader.Load(browser.Content.Root);
        var record = content.Translations.StatusOf(content.Locales, Dari, "main.prompt");
        Assert.True(record.IsReviewed);
        Assert.Equal("Mariam Ahmadi", record.Record!.ReviewedBy);
    }

    [Fact]
    public async Task EditingADariTextAndApproving_SavesItIntoTheLocaleFile()
    {
        var page = await OpenAsync();
        await page.Locator("#reviewer").FillAsync("Mariam Ahmadi");
        var card = Card(page, "legal.prompt");
        await card.Locator("textarea").FillAsync("کمک حقوقی مفت:");
        await Expect(card.Locator("button.approve")).ToHaveTextAsync("Save and approve");

        await SaveAsync(page, card.Locator("button.approve"));

        await Expect(Card(page, "legal.prompt")).ToHaveAttributeAsync("data-outcome", "saved");
        Assert.Contains("  legal.prompt: \"کمک حقوقی مفت:\"", File.ReadAllLines(browser.Content.LocaleFile(Dari)));
    }

    [Fact]
    public async Task AnEditWithABrokenPlaceholder_IsRefusedOnThePage_AndNotSaved()
    {
        var before = File.ReadAllText(browser.Content.LocaleFile(Dari));
        var page = await OpenAsync();
        await page.Locator("#reviewer").FillAsync("Mariam Ahmadi");
        var card = Card(page, "directory.phone");
        await card.Locator("textarea").FillAsync("تیلفون: {1}");

        await SaveAsync(page, card.Locator("button.approve"));

        await Expect(card).ToHaveAttributeAsync("data-outcome", "refused");
        await Expect(card.Locator(".problems")).ToContainTextAsync("placeholders {1} differ from the English {0}");
        await Expect(card.Locator(".state")).ToHaveTextAsync("draft");
        Assert.Equal(before, File.ReadAllText(browser.Content.LocaleFile(Dari)));
    }

    [Fact]
    public async Task OnAPhone_AMissingPashtoText_IsFirst_MarkedMissing_BesideItsEnglish_AndSavedWhenTyped()
    {
        const string pashto = "ps-AF";
        var text = ContentLoader.Load(browser.Content.Root).Locales.Get(pashto).Texts["legal.prompt"];
        browser.Content.RemoveTexts(pashto, "legal.prompt");
        var page = await OpenAsync(pashto, phone: true);
        await page.Locator("#filter").SelectOptionAsync("missing");
        await page.Locator("#reviewer").FillAsync("Gul Ahmad");

        var card = page.Locator("article.text").First;
        await Expect(card).ToHaveAttributeAsync("data-key", "legal.prompt");
        await Expect(card.Locator(".state")).ToHaveTextAsync("missing");
        await Expect(card.Locator(".english")).ToHaveTextAsync("Free legal help:");
        await Expect(card.Locator("textarea")).ToHaveValueAsync("");
        await Expect(card.Locator("button.approve")).ToBeDisabledAsync();
        await Expect(page.Locator("#progress-text")).ToContainTextAsync("1 missing");
        Assert.Equal("rtl", await card.Locator("textarea").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a phone");
        Directory.CreateDirectory(SimulatorBrowser.ArtifactsFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SimulatorBrowser.ArtifactsFolder, "review-pashto-missing-phone.png") });

        await card.Locator("textarea").FillAsync(text);
        await SaveAsync(page, card.Locator("button.approve"));

        card = Card(page, "legal.prompt");
        await Expect(card).ToHaveAttributeAsync("data-outcome", "saved");
        await Expect(card.Locator(".state")).ToHaveTextAsync("reviewed");
        await Expect(page.Locator("#progress-text")).Not.ToContainTextAsync("missing");
        Assert.Contains($"  legal.prompt: \"{text}\"", File.ReadAllLines(browser.Content.LocaleFile(pashto)));
    }

    [Fact]
    public async Task OnAPhone_DariIsWrittenRightToLeft_TheEnglishLeftToRight_AndNothingScrollsSideways()
    {
        var page = await OpenAsync(phone: true);
        var card = Card(page, "welcome");

        Assert.Equal("rtl", await card.Locator("textarea").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.Equal("ltr", await card.Locator(".english").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        await Expect(card.Locator(".note")).ToBeHiddenAsync();
        await Expect(Card(page, "fear_say.2").Locator(".note")).ToContainTextAsync("credible fear");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a phone");
        var box = await card.Locator("textarea").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Width, 300, 360);

        Directory.CreateDirectory(SimulatorBrowser.ArtifactsFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SimulatorBrowser.ArtifactsFolder, "review-dari-phone.png") });

        var spanish = await OpenAsync("es", phone: true);
        Assert.Equal("ltr", await Card(spanish, "welcome").Locator("textarea").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
    }
}
