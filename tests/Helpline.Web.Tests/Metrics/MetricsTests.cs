using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Helpline.Testing;
using Helpline.Web.State;
using Helpline.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Helpline.Web.Tests.Metrics;

/// <summary>GET /metrics after real webhook traffic: the right series and counts, and nothing about any person.</summary>
public sealed partial class MetricsTests : IAsyncLifetime
{
    private const string Texter = "+15205550701";
    private const string WhatsAppTexter = "whatsapp:+15205550702";
    private const string Caller = "+15205550703";
    private const string CallSid = "CA-metrics-0001";

    private LoopbackTwilioApi _twilio = null!;
    private HelplineApp _app = null!;

    public async Task InitializeAsync()
    {
        _twilio = await LoopbackTwilioApi.StartAsync(HelplineApp.AccountSid, HelplineApp.AuthToken);
        _app = new HelplineApp(new() { ["Twilio:ApiBaseUrl"] = _twilio.BaseUrl });
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _twilio.DisposeAsync();
    }

    [Fact]
    public async Task Scrape_AfterTextsAndACall_CountsTurnsOptOutsTransfersAndTextMe()
    {
        await TextsAndACallAsync();

        var samples = Samples(await ScrapeAsync(_app));

        Assert.Equal(1, samples[@"helpline_turns_total{channel=""sms"",locale=""es"",node=""main/main""}"]);
        Assert.Equal(2, samples[@"helpline_turns_total{channel=""sms"",locale=""es"",node=""main/fear_say""}"]); // an option, then START back to it
        Assert.Equal(1, samples[@"helpline_turns_total{channel=""sms"",locale=""es"",node=""-""}"]); // STOP: no position is reported
        Assert.Equal(1, samples[@"helpline_turns_total{channel=""whatsapp"",locale=""en"",node=""main/main""}"]);
        Assert.Equal(1, samples[@"helpline_turns_total{channel=""voice"",locale=""-"",node=""main/language""}"]);
        Assert.Equal(1, samples[@"helpline_turns_total{channel=""voice"",locale=""en"",node=""main/court""}"]);

        Assert.Equal(1, samples[@"helpline_turn_outcomes_total{channel=""sms"",outcome=""language-by-name""}"]);
        Assert.Equal(1, samples[@"helpline_turn_outcomes_total{channel=""sms"",outcome=""option""}"]);
        Assert.Equal(3, samples[@"helpline_turn_outcomes_total{channel=""voice"",outcome=""option""}"]); // other topics, court, then the case-status line
        Assert.Equal(1, samples[@"helpline_turn_outcomes_total{channel=""voice"",outcome=""transfer""}"]);
        Assert.Equal(1, samples[@"helpline_turn_outcomes_total{channel=""voice"",outcome=""transfer-failed""}"]);

        Assert.Equal(1, samples[@"helpline_opt_outs_total{channel=""sms""}"]);
        Assert.Equal(1, samples[@"helpline_opt_ins_total{channel=""sms""}"]);

        Assert.Equal(1, samples[@"helpline_transfers_total{organization=""eoir-case-status"",outcome=""started""}"]);
        Assert.Equal(1, samples[@"helpline_transfers_total{organization=""eoir-case-status"",outcome=""busy""}"]);
        Assert.Equal(1, samples[@"helpline_text_me_total{result=""sent""}"]);
        Assert.DoesNotContain(samples.Keys, k => k.StartsWith("helpline_errors_total{", StringComparison.Ordinal));

        // Four texts, one WhatsApp message, eight call requests: each timed once, in a bucket no later than +Inf.
        Assert.Equal(4, samples[@"helpline_webhook_duration_seconds_count{channel=""sms""}"]);
        Assert.Equal(1, samples[@"helpline_webhook_duration_seconds_count{channel=""whatsapp""}"]);
        Assert.Equal(8, samples[@"helpline_webhook_duration_seconds_count{channel=""voice""}"]);
        Assert.Equal(8, samples[@"helpline_webhook_duration_seconds_bucket{channel=""voice"",le=""+Inf""}"]);
        Assert.Contains(@"helpline_webhook_duration_seconds_bucket{channel=""voice"",le=""15""}", samples.Keys);
    }

    [Fact]
    public async Task Scrape_NeverHoldsAPhoneNumberOrACallerKey()
    {
        await TextsAndACallAsync();
        var scrape = await ScrapeAsync(_app);
        Assert.Contains("helpline_turns_total{", scrape);

        foreach (var number in new[] { Texter, WhatsAppTexter, Caller, HelplineApp.HelplineNumber })
            Assert.DoesNotContain(number.TrimStart('+')[^10..], scrape);
        Assert.DoesNotContain(CallSid, scrape);
        var keys = _app.Services.GetRequiredService<CallerKeys>();
        foreach (var (prefix, address) in new[] { ("sms", Texter), ("whatsapp", WhatsAppTexter), ("voice", Caller), ("call", CallSid), ("limit", Texter) })
            Assert.DoesNotContain(keys.For(prefix, address), scrape);
        Assert.DoesNotMatch(CallerKeyShape(), scrape);
        // Values are measurements (a sum of seconds has many digits); a number could only hide in a label.
        var labels = LabelSet().Matches(scrape).Select(m => m.Value).ToList();
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.DoesNotMatch(DigitRun(), l));
    }

    [Fact]
    public async Task Scrape_HasOnlyTheHelplinesOwnMetrics()
    {
        await TextsAndACallAsync();
        var scrape = await ScrapeAsync(_app);

        var names = scrape.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.StartsWith('#') ? line.Split(' ')[2] : line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet();
        Assert.All(names, name => Assert.StartsWith("helpline_", name));
        foreach (var family in new[] { "turns_total", "turn_outcomes_total", "transfers_total", "opt_outs_total", "opt_ins_total", "text_me_total", "errors_total", "rate_limited_total", "webhook_duration_seconds" })
        {
            Assert.Contains($"# TYPE helpline_{family} ", scrape);
        }
    }

    [Fact]
    public async Task RepeatedDialEndedRequest_CountsTheTransferOnce_AndCompletedIsCounted()
    {
        var call = new Call(_app, CallSid, Caller);
        await call.StartAsync();
        foreach (var key in new[] { "0", "3", "1", "1" }) await call.PressAsync(key); // English, detention, report a problem: the ICE line, call it
        var dialUrl = call.Action("Dial");
        await call.DialEndedAsync("completed");
        await _app.PostAsync(dialUrl, call.Form(("DialCallStatus", "completed"))); // Twilio retrying the same request

        var samples = Samples(await ScrapeAsync(_app));
        Assert.Equal(1, samples[@"helpline_transfers_total{organization=""ice-detention-line"",outcome=""started""}"]);
        Assert.Equal(1, samples[@"helpline_transfers_total{organization=""ice-detention-line"",outcome=""completed""}"]);
        Assert.Equal(1, samples[@"helpline_turn_outcomes_total{channel=""voice"",outcome=""duplicate""}"]);
    }

    [Fact]
    public async Task TextMeFailure_IsCountedAsFailed()
    {
        _twilio.FailNext(10, 500);
        var call = new Call(_app, CallSid, Caller);
        await call.StartAsync();
        foreach (var key in new[] { "0", "5", "3", "1", "9", "1" }) await call.PressAsync(key); // English, other topics, court, case status, text me, yes
        await TextMeSentAsync();

        var samples = Samples(await ScrapeAsync(_app));
        Assert.Equal(1, samples[@"helpline_text_me_total{result=""failed""}"]);
        Assert.DoesNotContain(@"helpline_text_me_total{result=""sent""}", samples.Keys);
    }

    [Fact]
    public async Task MessagesPastTheLimit_AreCountedAsRateLimited()
    {
        using var app = new HelplineApp(new() { ["Helpline:MessagesPerMinute"] = "2" });
        for (var i = 0; i < 3; i++) await app.PostSmsAsync(Texter, "Español");

        var samples = Samples(await ScrapeAsync(app));
        Assert.Equal(1, samples[@"helpline_rate_limited_total{channel=""sms""}"]);
        Assert.Equal(2, samples[@"helpline_webhook_duration_seconds_count{channel=""sms""}"]); // the refused one never reached the webhook
    }

    [Fact]
    public async Task DegradedReply_IsCountedAsAnError()
    {
        var broken = new Mock<IConversationStore>();
        broken.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("disk on fire"));
        using var app = new HelplineApp(services: s => s.AddSingleton(broken.Object));
        await app.PostSmsAsync(Texter, "Español");

        var samples = Samples(await ScrapeAsync(app));
        Assert.Equal(1, samples[@"helpline_errors_total{channel=""sms""}"]);
        Assert.Equal(1, samples[@"helpline_turn_outcomes_total{channel=""sms"",outcome=""degraded""}"]);
    }

    [Fact]
    public async Task WithoutAToken_MetricsAreServed_WithoutATwilioSignature()
    {
        var response = await _app.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(_app.Logs.Events, e => e.MessageTemplate.Text.StartsWith("GET {Path} is served to anyone", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-token")]
    [InlineData("Bearer metrics-token-x")]
    [InlineData("Basic bWV0cmljcy10b2tlbg==")]
    public async Task WithAToken_ARequestWithoutIt_Is401(string? authorization)
    {
        using var app = new HelplineApp(new() { ["Helpline:MetricsToken"] = "metrics-token" });
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.DoesNotContain("helpline_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithAToken_ARequestWithIt_GetsTheMetrics()
    {
        using var app = new HelplineApp(new() { ["Helpline:MetricsToken"] = "metrics-token" });
        await app.PostSmsAsync(Texter, "Español");
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "metrics-token");

        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(@"helpline_turns_total{channel=""sms"",locale=""es"",node=""main/main""} 1", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(app.Logs.Events, e => e.MessageTemplate.Text.StartsWith("GET {Path} is served to anyone", StringComparison.Ordinal));
    }

    /// <summary>Texts in Spanish with STOP and START, one WhatsApp message, and a call whose transfer is busy and whose contacts are then texted.</summary>
    /// <summary>"Text me this" is sent in the background: wait until it is over, sent or failed.</summary>
    private Task TextMeSentAsync() => _app.Services.GetRequiredService<Helpline.Web.Voice.TextMeQueue>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

    private async Task TextsAndACallAsync()
    {
        foreach (var body in new[] { "Español", "2", "STOP", "START" }) await _app.PostSmsAsync(Texter, body);
        await _app.PostSmsAsync(WhatsAppTexter, "english");

        var call = new Call(_app, CallSid, Caller);
        await call.StartAsync();
        foreach (var key in new[] { "0", "5", "3", "2", "1" }) await call.PressAsync(key); // English, other topics, court, call the case line, call it
        await call.DialEndedAsync("busy");
        await call.PressAsync("1"); // yes, text me the contacts
        await TextMeSentAsync();
        Assert.Single(_twilio.Messages);
    }

    private static async Task<string> ScrapeAsync(HelplineApp app)
    {
        var response = await app.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Each sample line as "name{labels}" to its value.</summary>
    private static Dictionary<string, double> Samples(string scrape) => scrape
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Where(line => !line.StartsWith('#'))
        .ToDictionary(line => line[..line.LastIndexOf(' ')], line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    [GeneratedRegex("[a-z]+:[0-9a-f]{16}")]
    private static partial Regex CallerKeyShape();

    [GeneratedRegex(@"\d{7}")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelSet();

    /// <summary>A call driven as Twilio drives it: each request to the action URL of the last TwiML.</summary>
    private sealed class Call(HelplineApp app, string callSid, string from)
    {
        private System.Xml.Linq.XElement _last = null!;

        public List<KeyValuePair<string, string>> Form(params (string Key, string Value)[] extra) =>
        [
            new("CallSid", callSid), new("AccountSid", HelplineApp.AccountSid), new("From", from),
            new("To", HelplineApp.HelplineNumber), new("CallStatus", "in-progress"), new("Direction", "inbound"),
            .. extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)),
        ];

        public Task StartAsync() => Send("/twilio/voice", Form());
        public Task PressAsync(string digits) => Send(Action("Gather"), Form(("Digits", digits)));
        public Task DialEndedAsync(string status) => Send(Action("Dial"), Form(("DialCallStatus", status), ("DialCallSid", "CA-dialed")));

        public string Action(string verb) => _last.Descendants(verb).Single().Attribute("action")!.Value;

        private async Task Send(string url, List<KeyValuePair<string, string>> form)
        {
            var reply = await app.PostAsync(url, form);
            Assert.Equal(200, reply.Status);
            _last = reply.Xml.Root!;
        }
    }
}
