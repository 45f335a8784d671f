using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Helpline.Core.Content;
using Helpline.Web.Simulator;
using Helpline.Web.State;
using Helpline.Web.Tests.Support;

namespace Helpline.Web.Tests.Simulator;

/// <summary>The simulator's API: the webhooks' engine and rendering, with conversations of its own.</summary>
public sealed class SimulatorApiTests : IDisposable
{
    private const string AdminToken = "api-test-admin-token";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly ContentBundle Content = ContentLoader.Load(HelplineApp.RepoRoot);

    private readonly HelplineApp _app = new(new Dictionary<string, string?> { [SimulatorAccess.TokenKey] = AdminToken });
    private readonly HttpClient _client;

    public SimulatorApiTests()
    {
        _client = _app.CreateClient();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public void Dispose() => _app.Dispose();

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    [Fact]
    public async Task SmsTurns_ReplyWithPagesAndTheirSegmentCost()
    {
        var session = NewSession();
        await TurnAsync(new { session, channel = "sms", input = "دری" });

        var answer = await TurnAsync(new { session, channel = "sms", input = "۲" });

        var page = Assert.Single(answer.Messages);
        Assert.Contains(Content.Locales.Text("fa-AF", "fear_say.1"), page.Text);
        Assert.Equal("UCS-2", page.Encoding);
        Assert.Equal(Helpline.Core.Text.SegmentCounter.Count(page.Text), page.Segments);
        Assert.InRange(page.Segments, 1, 4);
        Assert.False(page.OverBudget);
        Assert.Equal(page.Text.Length, page.Characters);
        Assert.Equal(new SimulatorPosition("main", "fear_say", "fa-AF", "rtl"), answer.Position);
        Assert.Empty(answer.Prompts);
    }

    [Fact]
    public async Task SmsMore_GivesTheNextPage_AsTheWebhookPagesIt()
    {
        var session = NewSession();
        // "Asylum at the border" is several pages in English too.
        foreach (var text in new[] { "English", "1" }) await TurnAsync(new { session, channel = "sms", input = text });
        var webhook = await WebhookRepliesAsync("+15205550301", ["English", "1", "MORE"]);

        var more = await TurnAsync(new { session, channel = "sms", input = "MORE" });

        Assert.Equal(webhook[^1], Assert.Single(more.Messages).Text);
        Assert.Equal("GSM-7", more.Messages[0].Encoding);
    }

    [Fact]
    public async Task SimulatedConversations_NeverTouchTheCallerStore()
    {
        var store = Assert.IsType<MemoryConversationStore>(_app.Store);
        var texter = NewSession();
        var caller = NewSession();

        foreach (var text in new[] { "Español", "2", "1", "MÁS", "STOP", "START", "borrar" })
            await TurnAsync(new { session = texter, channel = "sms", input = text });
        await TurnAsync(new { session = caller, channel = "voice", @event = "start" });
        foreach (var key in new[] { "8", "2", "1", "9", "1" }) await TurnAsync(new { session = caller, channel = "voice", input = key });

        Assert.Equal(0, store.Count);
        // The same store does count a real texter: the check above could fail.
        await _app.PostSmsAsync("+15205550302", "Español");
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task VoiceTurns_SayWhereEachPromptsSoundComesFrom()
    {
        var session = NewSession();
        var menu = await TurnAsync(new { session, channel = "voice", @event = "start" });

        // The language menu: each language offered in its own voice.
        var spanish = menu.Prompts.First(p => p.Culture == "es");
        Assert.Equal("twilio-voice", spanish.Source);
        Assert.Equal("es-US", spanish.SayLanguage);
        Assert.Null(spanish.AudioUrl);
        var dariOffer = menu.Prompts.First(p => p.Culture == "fa-AF");
        Assert.Equal("stand-in", dariOffer.Source);
        Assert.Equal("rtl", dariOffer.Direction);

        var dari = await TurnAsync(new { session, channel = "voice", input = "8" });

        Assert.Equal("fa-AF", dari.Position?.Culture);
        Assert.NotEmpty(dari.Prompts);
        Assert.All(dari.Prompts, p => Assert.Equal("stand-in", p.Source));
        foreach (var prompt in dari.Prompts)
        {
            Assert.StartsWith("/audio/fa-AF/", prompt.AudioUrl);
            var file = await _client.GetAsync(prompt.AudioUrl);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("audio/wav", file.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task AReturningCaller_StartsInTheirLanguage_AtTheMainMenu()
    {
        var started = await TurnAsync(new { session = NewSession(), channel = "voice", @event = "start", language = "ps-AF" });
        Assert.Equal(new SimulatorPosition("main", "main", "ps-AF", "rtl"), started.Position);
    }

    [Fact]
    public async Task SilenceTwice_HangsUp_AndThenKeysNeedANewCall()
    {
        var session = NewSession();
        await TurnAsync(new { session, channel = "voice", @event = "start", language = "en" });
        await TurnAsync(new { session, channel = "voice", @event = "silence" });

        var second = await TurnAsync(new { session, channel = "voice", @event = "silence" });

        Assert.True(second.CallEnded);
        Assert.Contains(second.Notes, n => n.Kind == "hangup");
        var afterwards = await _client.PostAsync("/simulator/api/turn", Json(new { session, channel = "voice", input = "1" }));
        Assert.Equal(HttpStatusCode.Conflict, afterwards.StatusCode);
    }

    [Theory]
    [InlineData("""{"session":"s1234567","channel":"fax","input":"1"}""")]
    [InlineData("""{"session":"../etc","channel":"sms","input":"1"}""")]
    [InlineData("""{"session":"s1234567","channel":"voice","input":"12"}""")]
    [InlineData("""{"session":"s1234567","channel":"voice","input":"a"}""")]
    [InlineData("""{"session":"s1234567","channel":"sms","event":"silence"}""")]
    [InlineData("""{"session":"s1234567","channel":"sms"}""")]
    [InlineData("""{"session":"s1234567","channel":"sms","event":"start","language":"xx"}""")]
    public async Task ATurnThatCannotBe_Is400(string body)
    {
        var response = await _client.PostAsync("/simulator/api/turn", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheGraph_IsTheFlowsMermaidDiagram_WithTheCurrentNodeMarked()
    {
        var graph = await _client.GetFromJsonAsync<SimulatorGraph>("/simulator/api/graph/main?node=fear", Web);

        Assert.NotNull(graph);
        Assert.StartsWith("stateDiagram-v2", graph.Mermaid);
        Assert.Contains("main --> fear_say : 2", graph.Mermaid);
        Assert.EndsWith("class fear current", graph.Mermaid);
        Assert.StartsWith("<svg ", graph.Svg);
        Assert.Contains("""<g class="node menu current" data-node="fear">""", graph.Svg);
        Assert.Equal("flows/main.yaml", graph.File);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/simulator/api/graph/nowhere")).StatusCode);
    }

    private async Task<SimulatorTurnResult> TurnAsync(object body)
    {
        var response = await _client.PostAsync("/simulator/api/turn", Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SimulatorTurnResult>(Web))!;
    }

    /// <summary>What the SMS webhook sends a texter for the same messages, to compare pages with.</summary>
    private async Task<List<string>> WebhookRepliesAsync(string from, string[] messages)
    {
        var replies = new List<string>();
        foreach (var message in messages) replies.Add((await _app.PostSmsAsync(from, message)).Message);
        return replies;
    }

    private static string NewSession() => Guid.NewGuid().ToString("N");
}
