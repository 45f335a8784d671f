using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Helpline.Core.Content;
using Helpline.Core.Localization;
using Helpline.Web.Simulator;
using Helpline.Web.Tests.Support;

namespace Helpline.Web.Tests.Simulator;

/// <summary>The simulator shows, per language and per turn, which texts a caller gets that no native speaker reviewed.</summary>
public sealed class SimulatorReviewTests : IDisposable
{
    private const string AdminToken = "review-test-admin-token";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly ContentBundle Content = ContentLoader.Load(HelplineApp.RepoRoot);

    private readonly HelplineApp _app = new(new Dictionary<string, string?> { [SimulatorAccess.TokenKey] = AdminToken });
    private readonly HttpClient _client;

    public SimulatorReviewTests()
    {
        _client = _app.CreateClient();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Languages_CountTheReviewStateOfEachLanguage()
    {
        var languages = (await _client.GetFromJsonAsync<List<SimulatorLanguage>>("/simulator/api/languages", Web))!;

        Assert.Equal("source", languages.Single(l => l.Culture == "en").Translations);
        var spanish = languages.Single(l => l.Culture == "es").Translations;
        var drafts = Content.Translations.StatusesOf(Content.Locales, "es").Count(s => s.State == TranslationState.MachineDraft);
        Assert.Matches(@"^\d+ reviewed, \d+ machine drafts, \d+ stale, \d+ untracked$", spanish);
        Assert.NotEqual("0 reviewed, 0 machine drafts, 0 stale, 0 untracked", spanish);
        Assert.True(drafts > 0);
    }

    [Fact]
    public async Task Languages_SayWhichTheMenuMarks_WhenMarkLanguagesUnderReviewIsOn()
    {
        using var app = new HelplineApp(new Dictionary<string, string?> { [SimulatorAccess.TokenKey] = AdminToken, ["Helpline:MarkLanguagesUnderReview"] = "true" });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);

        var marked = (await client.GetFromJsonAsync<List<SimulatorLanguage>>("/simulator/api/languages", Web))!;
        var unmarked = (await _client.GetFromJsonAsync<List<SimulatorLanguage>>("/simulator/api/languages", Web))!;

        Assert.EndsWith("; marked * in the menu as under review", marked.Single(l => l.Culture == "fa-AF").Translations);
        Assert.Equal("source", marked.Single(l => l.Culture == "en").Translations);
        Assert.DoesNotContain(unmarked, l => l.Translations.Contains("marked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SmsTurn_NamesTheUnreviewedTextsItGave()
    {
        var session = Guid.NewGuid().ToString("N");
        await TurnAsync(new { session, channel = "sms", input = "Español" });
        await TurnAsync(new { session, channel = "sms", input = "4" });

        var answer = await TurnAsync(new { session, channel = "sms", input = "2" });

        var note = Assert.Single(answer.Notes, n => n.Kind == SimulatorReview.NoteKind);
        Assert.Contains("deadline.1 (machine draft)", note.Text);
        Assert.DoesNotContain("apply.", note.Text);
    }

    [Fact]
    public async Task EnglishTurn_HasNoUnreviewedNote()
    {
        var session = Guid.NewGuid().ToString("N");
        await TurnAsync(new { session, channel = "sms", input = "English" });

        var answer = await TurnAsync(new { session, channel = "sms", input = "1" });

        Assert.DoesNotContain(answer.Notes, n => n.Kind == SimulatorReview.NoteKind);
    }

    private async Task<SimulatorTurnResult> TurnAsync(object body)
    {
        var response = await _client.PostAsync("/simulator/api/turn", SimulatorApiTests.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SimulatorTurnResult>(Web))!;
    }
}
