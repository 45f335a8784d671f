using Microsoft.Extensions.DependencyInjection;
using Moq;
using Helpline.Core.Voice;
using Helpline.Core.Validation;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Helpline.Core.Content;
using Helpline.Core.Localization;
using Helpline.Testing;
using Helpline.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Helpline.Web.Tests.Review;

/// <summary>
/// The review page's API in production settings, behind the admin token, on a copy of the content it writes into:
/// what a volunteer approves reaches the next texter at once, and what breaks a check is refused and changes nothing.
/// </summary>
public sealed class TranslationReviewApiTests : IDisposable
{
    private const string AdminToken = "test-admin-token-0123456789";
    private const string Dari = "fa-AF";
    private const string Texter = "+15551234567";
    private readonly ContentCopy _content = new();
    private readonly HelplineApp _app;

    public TranslationReviewApiTests() => _app = new HelplineApp(new()
    {
        ["Helpline:AdminToken"] = AdminToken,
        ["Helpline:ContentRoot"] = _content.Root,
    });

    public void Dispose()
    {
        _app.Dispose();
        _content.Dispose();
    }

    private HttpClient Admin()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    private ContentBundle Saved => ContentLoader.Load(_content.Root);

    private static string EnglishVersion(string english) => TranslationStatus.SourceHash(english);

    private Task<HttpResponseMessage> ReviewAsync(string key, string? text, string? reviewer = "Mariam Ahmadi", string? englishVersion = null) =>
        Admin().PostAsJsonAsync($"/simulator/review/api/languages/{Dari}/texts/{key}", new
        {
            text,
            reviewer,
            englishVersion = englishVersion ?? EnglishVersion(Saved.Locales.English.Texts[key]),
        });

    [Theory]
    [InlineData("/simulator/review")]
    [InlineData("/simulator/review/review.js")]
    [InlineData("/simulator/review/api/languages")]
    [InlineData("/simulator/review/api/languages/fa-AF")]
    public async Task WithoutTheAdminToken_TheReviewPageAndApi_Are401(string path)
    {
        var response = await _app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WithoutTheAdminToken_NoReviewIsSaved()
    {
        var before = _content.LocalesFingerprint();
        var response = await _app.CreateClient().PostAsJsonAsync($"/simulator/review/api/languages/{Dari}/texts/welcome", new { text = "x", reviewer = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, _content.LocalesFingerprint());
    }

    [Fact]
    public async Task TheSheet_ListsEveryTextInConversationOrder_WithEnglishNoteAndProgress()
    {
        using var sheet = JsonDocument.Parse(await Admin().GetStringAsync($"/simulator/review/api/languages/{Dari}"));
        var texts = sheet.RootElement.GetProperty("texts").EnumerateArray().ToList();
        var keys = texts.Select(t => t.GetProperty("key").GetString()).ToList();

        Assert.Equal(["language.title", "language.title.voice", "language.offer", "welcome"], keys.Take(4));
        Assert.True(keys.IndexOf("main.prompt") < keys.IndexOf("fear_say.1"));
        Assert.True(keys.IndexOf("fear_say.1") < keys.IndexOf("fear.prompt")); // "afraid" is the answer first, its menu after
        Assert.Equal("rtl", sheet.RootElement.GetProperty("language").GetProperty("direction").GetString());
        var fearSay = texts.Single(t => t.GetProperty("key").GetString() == "fear_say.2");
        Assert.Equal(Saved.Locales.English.Texts["fear_say.2"], fearSay.GetProperty("english").GetString());
        Assert.StartsWith("Legal terms: credible fear", fearSay.GetProperty("note").GetString(), StringComparison.Ordinal);
        var progress = sheet.RootElement.GetProperty("language").GetProperty("progress");
        Assert.Equal(texts.Count, progress.GetProperty("texts").GetInt32());
        Assert.Equal(texts.Count, progress.GetProperty("draft").GetInt32());
    }

    [Fact]
    public async Task AnEditedDariText_IsApprovedSavedAndServed_ToTheNextTexterAtOnce()
    {
        var edited = "به مأمور سرحد یا مهاجرت بگویید که می‌ترسید. واضح و با کلمات خود بگویید، حتی اگر کسی از شما نپرسد.";
        var linesBefore = _content.LocaleLines(Dari);

        var response = await ReviewAsync("fear_say.1", edited);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("reviewed", answer.RootElement.GetProperty("text").GetProperty("state").GetString());
        Assert.Equal(1, answer.RootElement.GetProperty("progress").GetProperty("approved").GetInt32());
        var changed = linesBefore.Zip(_content.LocaleLines(Dari)).Where(p => p.First != p.Second).ToList();
        Assert.Equal($"  fear_say.1: \"{edited}\"", Assert.Single(changed).Second);
        var saved = Saved;
        var record = saved.Translations.StatusOf(saved.Locales, Dari, "fear_say.1");
        Assert.Equal(TranslationState.Reviewed, record.State);
        Assert.Equal("Mariam Ahmadi", record.Record!.ReviewedBy);
        Assert.Equal(EnglishVersion(saved.Locales.English.Texts["fear_say.1"]), record.Record.Source);

        // A Dari caller hears the new words too: the stand-in (espeak-ng, as `helpline audio render` makes it) is spoken again.
        Assert.Equal("Callers now hear the new text (its stand-in was spoken again).", answer.RootElement.GetProperty("audio").GetString());
        Assert.DoesNotContain(new ContentValidator(new ValidationOptions()).Validate(saved),
            f => f.Where == "fear_say.1" && f.Message.Contains("stand-in is out of date", StringComparison.Ordinal));

        // The transcript: a Dari texter, right after the approval, without a restart.
        await _app.PostSmsAsync(Texter, "دری");
        var reply = await _app.PostSmsAsync(Texter, "۲");
        Assert.Contains(edited, string.Join("\n", reply.Messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditedDariText_WhereEspeakIsNotInstalled_SaysCallersHearTheEarlierStandIn()
    {
        var speech = new Mock<ISpeechSynthesizer>();
        speech.Setup(s => s.MissingPrograms()).Returns(["espeak-ng"]);
        using var app = new HelplineApp(new() { ["Helpline:AdminToken"] = AdminToken, ["Helpline:ContentRoot"] = _content.Root },
            services => services.AddSingleton(speech.Object));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);

        var response = await client.PostAsJsonAsync($"/simulator/review/api/languages/{Dari}/texts/fear_say.1", new
        {
            text = "به مأمور سرحد یا مهاجرت بگویید که می‌ترسید.",
            reviewer = "Mariam Ahmadi",
            englishVersion = EnglishVersion(Saved.Locales.English.Texts["fear_say.1"]),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("helpline audio render", answer.RootElement.GetProperty("audio").GetString());
        speech.Verify(s => s.Synthesize(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public async Task AMissingDariText_IsFirstOnTheSheet_AndOnceAdded_TheNextTexterGetsItInsteadOfTheEnglish()
    {
        var dari = Saved.Locales.Get(Dari).Texts["fear_say.1"];
        _content.RemoveTexts(Dari, "fear_say.1");
        var english = Saved.Locales.English.Texts["fear_say.1"];

        // Before: a Dari texter asking what to say when afraid gets this sentence in English.
        await _app.PostSmsAsync(Texter, "دری");
        var before = string.Join("\n", (await _app.PostSmsAsync(Texter, "۲")).Messages);
        Assert.Contains(english, before, StringComparison.Ordinal);

        using (var sheet = JsonDocument.Parse(await Admin().GetStringAsync($"/simulator/review/api/languages/{Dari}")))
        {
            var first = sheet.RootElement.GetProperty("texts")[0];
            Assert.Equal("fear_say.1", first.GetProperty("key").GetString());
            Assert.Equal("missing", first.GetProperty("state").GetString());
            Assert.Equal("", first.GetProperty("text").GetString());
            Assert.Equal(english, first.GetProperty("english").GetString());
            Assert.Equal(1, sheet.RootElement.GetProperty("language").GetProperty("progress").GetProperty("missing").GetInt32());
        }

        // There is nothing to approve as it is: the reviewer types it.
        var nothing = await ReviewAsync("fear_say.1", text: null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
        Assert.Contains("type the translation", await nothing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var response = await ReviewAsync("fear_say.1", dari);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("reviewed", answer.RootElement.GetProperty("text").GetProperty("state").GetString());
        Assert.Equal(0, answer.RootElement.GetProperty("progress").GetProperty("missing").GetInt32());
        Assert.Contains($"  fear_say.1: \"{dari}\"", _content.LocaleLines(Dari));
        var saved = Saved;
        Assert.True(saved.Translations.StatusOf(saved.Locales, Dari, "fear_say.1").IsReviewed);

        // After: the next Dari texter, without a restart, gets the Dari.
        const string nextTexter = "+15557654321";
        await _app.PostSmsAsync(nextTexter, "دری");
        var after = string.Join("\n", (await _app.PostSmsAsync(nextTexter, "۲")).Messages);
        Assert.Contains(dari, after, StringComparison.Ordinal);
        Assert.DoesNotContain(english, after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewTextWithABrokenPlaceholder_IsRefusedOnTheReviewPage_AndNothingIsWritten()
    {
        _content.RemoveTexts(Dari, "directory.phone");
        var before = _content.LocalesFingerprint();

        var response = await ReviewAsync("directory.phone", "تیلفون: {1}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("placeholders {1} differ from the English {0}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, _content.LocalesFingerprint());
    }

    [Fact]
    public async Task ApprovingAsItIs_RecordsTheReviewAndLeavesTheTextFileAlone()
    {
        var before = File.ReadAllBytes(_content.LocaleFile(Dari));
        var response = await ReviewAsync("main.prompt", text: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, File.ReadAllBytes(_content.LocaleFile(Dari)));
        var saved = Saved;
        Assert.True(saved.Translations.StatusOf(saved.Locales, Dari, "main.prompt").IsReviewed);
    }

    [Theory]
    [InlineData("directory.phone", "تیلفون: {1}", "placeholders {1} differ from the English {0}")]
    [InlineData("footer.main", "در خطر؟ به 991 زنگ بزنید.", "missing 911")]
    [InlineData("main.prompt", "Main menu in English:", "no Arabic letters")]
    public async Task AnEditThatBreaksACheck_IsRefusedWithTheReason_AndNothingIsWritten(string key, string text, string reason)
    {
        var before = _content.LocalesFingerprint();

        var response = await ReviewAsync(key, text);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, _content.LocalesFingerprint());
    }

    [Fact]
    public async Task AnApprovalWithoutAName_OrOfAnOlderEnglish_IsRefused()
    {
        var before = _content.LocalesFingerprint();

        var noName = await ReviewAsync("main.prompt", null, reviewer: "  ");
        var oldEnglish = await ReviewAsync("main.prompt", null, englishVersion: "0123456789ab");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noName.StatusCode);
        Assert.Contains("type your name", await noName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, oldEnglish.StatusCode);
        Assert.Contains("the English changed", await oldEnglish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, _content.LocalesFingerprint());
    }
}
