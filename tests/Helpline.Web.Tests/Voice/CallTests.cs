using System.Xml.Linq;
using Helpline.Testing;
using Helpline.Web.Tests.Support;
using Helpline.Web.Content;
using Helpline.Web.State;
using Helpline.Web.Voice;
using Moq;
using Microsoft.Extensions.DependencyInjection;

namespace Helpline.Web.Tests.Voice;

/// <summary>A call, turn by turn, with the TwiML checked by parsing it as Twilio would.</summary>
public sealed class CallTests : IAsyncLifetime
{
    private LoopbackTwilioApi _twilio = null!;
    private HelplineApp _app = null!;
    private const string Caller = "+15205550901";

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

    private sealed class Call(HelplineApp app, string callSid, string from)
    {
        public XElement Last { get; private set; } = null!;
        public int Step { get; private set; }

        private List<KeyValuePair<string, string>> Form(params (string Key, string Value)[] extra) =>
        [
            new("CallSid", callSid), new("AccountSid", HelplineApp.AccountSid), new("From", from),
            new("To", HelplineApp.HelplineNumber), new("CallStatus", "in-progress"), new("Direction", "inbound"),
            .. extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)),
        ];

        public async Task<XElement> StartAsync() => await Send("/twilio/voice", Form());
        public async Task<XElement> PressAsync(string digits) => await Send(Action("Gather"), Form(("Digits", digits)));
        public async Task<XElement> SilenceAsync() => await Send(RedirectUrl(), Form());
        public async Task<XElement> DialEndedAsync(string status) => await Send(Action("Dial"), Form(("DialCallStatus", status), ("DialCallSid", "CA-dialed")));

        public async Task<Reply> RepeatAsync(string url, string digits) => await app.PostAsync(url, Form(("Digits", digits)));

        public string Action(string verb) => Last.Descendants(verb).Single().Attribute("action")!.Value;
        public string RedirectUrl() => Last.Elements("Redirect").Single().Value;

        private async Task<XElement> Send(string url, List<KeyValuePair<string, string>> form)
        {
            var reply = await app.PostAsync(url, form);
            Assert.Equal(200, reply.Status);
            Assert.StartsWith("text/xml", reply.ContentType);
            Last = reply.Xml.Root!;
            Assert.Equal("Response", Last.Name.LocalName);
            return Last;
        }
    }

    private Call NewCall(string callSid = "CA0001", string from = Caller) => new(_app, callSid, from);

    private static IEnumerable<string> Said(XElement response) => response.Descendants("Say").Select(s => s.Value);

    [Fact]
    public async Task AnsweredCall_OffersEachLanguageInItsOwnVoice_InsideAGather_WithARedirectAfterIt()
    {
        var call = NewCall();
        var twiml = await call.StartAsync();

        var gather = Assert.Single(twiml.Elements("Gather"));
        Assert.Equal("1", gather.Attribute("numDigits")?.Value);
        Assert.StartsWith("/twilio/voice/gather", gather.Attribute("action")!.Value);
        Assert.Equal("Redirect", gather.ElementsAfterSelf().Single().Name.LocalName);

        var spanish = gather.Elements("Say").Single(s => s.Value.Contains("español", StringComparison.Ordinal));
        Assert.Equal("es-US", spanish.Attribute("language")?.Value);
        Assert.Contains(gather.Elements("Say"), s => s.Attribute("language")?.Value == "en-US" && s.Value.Contains("English", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DariAndPashtoAndCreole_ArePlayedFromFilesTheAppServes_NeverEnglishTts()
    {
        var call = NewCall();
        var twiml = await call.StartAsync();
        var plays = twiml.Descendants("Play").Select(p => p.Value).ToList();
        foreach (var culture in new[] { "fa-AF", "ps-AF", "ht" })
        {
            var url = Assert.Single(plays, p => p.StartsWith($"/audio/{culture}/language.offer", StringComparison.Ordinal));
            var audio = await _app.CreateClient().GetAsync(url);
            Assert.Equal(200, (int)audio.StatusCode);
            Assert.StartsWith("audio/", audio.Content.Headers.ContentType!.MediaType);
        }

        // Choose Dari (8): everything after is played, nothing is said with an English voice.
        var menu = await call.PressAsync("8");
        Assert.Empty(menu.Descendants("Say"));
        Assert.NotEmpty(menu.Descendants("Play"));
        Assert.All(menu.Descendants("Play"), p => Assert.StartsWith("/audio/fa-AF/", p.Value));
    }

    private static readonly string[] MainMenuTopics = ["main.border", "main.fear", "main.detention", "main.legal", "main.more"];

    [Theory]
    [InlineData("8", "fa-AF", false)]
    [InlineData("9", "ps-AF", true)]
    [InlineData("3", "ht", false)]
    public async Task MainMenuInDariPashtoCreole_EachOptionPlaysForThenTheTopicThenPressN_AllInsideTheGather(string key, string culture, bool wordsAfterTopic)
    {
        var call = NewCall();
        await call.StartAsync();

        var menu = await call.PressAsync(key);

        // A key interrupts any prompt: every file plays inside the <Gather>.
        var gather = Assert.Single(menu.Elements("Gather"));
        var plays = gather.Elements("Play").Select(p => p.Value).ToList();
        Assert.Equal(plays, menu.Descendants("Play").Select(p => p.Value));
        string Url(string audioKey) => $"/audio/{culture}/{audioKey}.standin.wav";
        var expected = MainMenuTopics.SelectMany((topic, i) => wordsAfterTopic
            ? new[] { Url("voice.option.start"), Url(topic), Url("voice.option.middle"), Url($"voice.press.{i + 1}") }
            : [Url("voice.option.start"), Url(topic), Url($"voice.press.{i + 1}")]).ToList();
        var first = plays.IndexOf(expected[0]);
        Assert.True(first >= 0, string.Join("\n", plays));
        Assert.Equal(expected, plays.Skip(first).Take(expected.Count));

        // The "for" the caller hears is a file the app serves.
        var @for = await _app.CreateClient().GetAsync(Url("voice.option.start"));
        Assert.Equal(200, (int)@for.StatusCode);
        Assert.StartsWith("audio/", @for.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("0", "For Asylum at the border, press 1.", "For Other topics, press 5.")]
    [InlineData("1", "Para Asilo en frontera, oprima 1.", "Para Otros temas, oprima 5.")]
    public async Task MainMenuInEnglishOrSpanish_EachOptionIsOneSentenceInTwiliosVoice_InsideTheGather(string key, string firstOption, string lastOption)
    {
        var call = NewCall();
        await call.StartAsync();

        var menu = await call.PressAsync(key);

        var gather = Assert.Single(menu.Elements("Gather"));
        var said = gather.Elements("Say").Select(s => s.Value).ToList();
        Assert.Equal(said, Said(menu));
        Assert.Empty(menu.Descendants("Play"));
        var from = said.IndexOf(firstOption);
        Assert.True(from >= 0, string.Join("\n", said));
        Assert.Equal(lastOption, said[from + 4]);
    }

    [Fact]
    public async Task Spanish_IsSaidWithTheSpanishVoice_AndListensForSpanishSpeech()
    {
        var call = NewCall();
        await call.StartAsync();
        var menu = await call.PressAsync("1");
        Assert.All(menu.Descendants("Say"), s => Assert.Equal("es-US", s.Attribute("language")?.Value));
        var gather = menu.Elements("Gather").Single();
        Assert.Equal("dtmf speech", gather.Attribute("input")?.Value);
        Assert.Equal("es-US", gather.Attribute("language")?.Value);
        Assert.Contains(Said(menu), s => s.Contains("Menú:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Silence_RepromptsTheSameMenu_AndTwoFailuresEndTheCallWithLegalHelpContacts()
    {
        var call = NewCall();
        await call.StartAsync();
        await call.PressAsync("0");
        await call.PressAsync("5"); await call.PressAsync("3");
        var again = await call.SilenceAsync();
        Assert.Contains(Said(again), s => s.Contains("did not hear", StringComparison.Ordinal));
        Assert.Contains(Said(again), s => s.Contains("Immigration court:", StringComparison.Ordinal));
        Assert.Empty(again.Descendants("Hangup"));

        var end = await call.PressAsync("7");
        Assert.Contains(Said(end), s => s.Contains("Free legal providers by immigration court", StringComparison.Ordinal));
        Assert.Single(end.Elements("Hangup"));
    }

    [Fact]
    public async Task InvalidKey_SaysSo_AndRepeatsTheMenu()
    {
        var call = NewCall();
        await call.StartAsync();
        await call.PressAsync("0");
        await call.PressAsync("5"); await call.PressAsync("3");
        var twiml = await call.PressAsync("8");
        Assert.Contains(Said(twiml), s => s.Contains("not an option", StringComparison.Ordinal));
        Assert.Contains(Said(twiml), s => s.Contains("Immigration court:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transfer_DialsOnlyTheDirectorysNumber_WithTheHelplineAsCallerId()
    {
        var call = NewCall();
        await call.StartAsync();
        foreach (var key in new[] { "0", "3", "1" }) await call.PressAsync(key); // English, detention, report a problem: the ICE line
        var twiml = await call.PressAsync("1");
        var dial = Assert.Single(twiml.Elements("Dial"));
        Assert.Equal("+18883514024", dial.Element("Number")!.Value);
        Assert.Equal(HelplineApp.HelplineNumber, dial.Attribute("callerId")?.Value);
        Assert.StartsWith("/twilio/voice/dial", dial.Attribute("action")!.Value);
        Assert.NotNull(dial.Attribute("timeout"));
    }

    [Theory]
    [InlineData("busy")]
    [InlineData("no-answer")]
    [InlineData("failed")]
    public async Task BusyOrUnanswered_ApologisesAndOffersTheContactsByText(string status)
    {
        var call = NewCall();
        await call.StartAsync();
        foreach (var key in new[] { "0", "5", "3", "2" }) await call.PressAsync(key); // English, other topics, court, call the case line
        await call.PressAsync("1");
        var twiml = await call.DialEndedAsync(status);
        Assert.Contains(Said(twiml), s => s.Contains("did not go through", StringComparison.Ordinal));
        Assert.Contains(Said(twiml), s => s.Contains("To send it, press 1", StringComparison.Ordinal));

        await call.PressAsync("1");
        var sms = await _twilio.WaitForMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Caller, sms.To);
        Assert.Equal(HelplineApp.HelplineNumber, sms.From);
        Assert.Contains("1-800-898-7180", sms.Body);
    }

    [Fact]
    public async Task BusyOnAList_TriesTheNextOrganizationWithAPhone()
    {
        var call = NewCall();
        await call.StartAsync();
        foreach (var key in new[] { "0", "4", "2" }) await call.PressAsync(key); // English, legal help, detention list
        var first = await call.PressAsync("1");
        Assert.Equal("+18883514024", first.Descendants("Number").Single().Value);
        var next = await call.DialEndedAsync("busy");
        // The detention list has one organization with a phone: after it, the contacts by text.
        Assert.Contains(Said(next), s => s.Contains("To send it, press 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TextMeThis_SendsTheAnswerThroughTwiliosMessagesApi_AfterTheCallerConfirms()
    {
        var call = NewCall();
        await call.StartAsync();
        foreach (var key in new[] { "0", "5", "3", "1" }) await call.PressAsync(key); // English, other topics, court, case status
        var offer = await call.PressAsync("9");
        Assert.Contains(Said(offer), s => s.Contains("To send it, press 1", StringComparison.Ordinal));
        Assert.Equal(0, _twilio.RequestCount);

        var sent = await call.PressAsync("1");
        Assert.Contains(Said(sent), s => s.Contains("sending the text message", StringComparison.Ordinal));
        var sms = await _twilio.WaitForMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Caller, sms.To);
        Assert.Contains("1-800-898-7180", sms.Body);
        Assert.True(Helpline.Core.Text.SegmentCounter.Count(sms.Body) <= 4);
    }

    [Fact]
    public async Task TextMeThis_WhenTwilioFails_TheCallGoesOn_AndTheFailureIsLoggedWithoutTheNumber()
    {
        _twilio.FailNext(10, 500);
        var call = NewCall();
        await call.StartAsync();
        foreach (var key in new[] { "0", "5", "3", "1", "9" }) await call.PressAsync(key);
        var twiml = await call.PressAsync("1");
        Assert.Contains(Said(twiml), s => s.Contains("sending the text message", StringComparison.Ordinal));
        Assert.Single(twiml.Elements("Gather")); // the call carries on while the text is tried
        await TextMeOverAsync();
        Assert.Contains(_app.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Text-me SMS failed", StringComparison.Ordinal));
        Assert.All(_app.Logs.Written(), line => Assert.DoesNotContain("5205550901", line));
    }

    [Fact]
    public async Task TextMeThis_WhileTwilioHangs_TheCallIsAnsweredAtOnce()
    {
        // Twilio gives up on a webhook after 15 s. The Messages API here never answers and the client
        // would wait an hour: a webhook that awaited the send could not answer at all.
        var twilio = await LoopbackTwilioApi.StartAsync(HelplineApp.AccountSid, HelplineApp.AuthToken);
        var app = new HelplineApp(new() { ["Twilio:ApiBaseUrl"] = twilio.BaseUrl, ["Twilio:SendTimeout"] = "01:00:00" });
        try
        {
            twilio.HangNext(1);
            var call = new Call(app, "CA-slow", Caller);
            await call.StartAsync();
            foreach (var key in new[] { "0", "5", "1", "9" }) await call.PressAsync(key);

            var answered = await call.PressAsync("1").WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Contains(Said(answered), s => s.Contains("sending the text message", StringComparison.Ordinal));
            await twilio.WaitForRequestsAsync(1, TimeSpan.FromSeconds(15));
            Assert.Empty(twilio.Messages); // still hung: the reply did not wait for it
            var next = await call.PressAsync("#").WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Single(next.Elements("Gather"));
        }
        finally
        {
            // The hung request ends with the fake API, so the app's shutdown drain does not wait for it.
            await twilio.DisposeAsync();
            app.Dispose();
        }
    }

    [Fact]
    public async Task TextMeThis_WithNoNumberToSendTo_TellsTheCallerAtOnce()
    {
        var call = NewCall(from: "");
        await call.StartAsync();
        foreach (var key in new[] { "0", "5", "1", "9" }) await call.PressAsync(key);
        var twiml = await call.PressAsync("1");
        Assert.Contains(Said(twiml), s => s.Contains("could not send the text message", StringComparison.Ordinal));
        Assert.DoesNotContain(Said(twiml), s => s.Contains("sending the text message", StringComparison.Ordinal));
        Assert.Equal(0, _twilio.RequestCount);
    }

    private Task TextMeOverAsync() => _app.Services.GetRequiredService<TextMeQueue>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task RepeatedActionRequest_GetsTheSameTwiml_AndDoesNotAdvanceTwice()
    {
        var call = NewCall();
        await call.StartAsync();
        var url = call.Action("Gather");
        var first = await call.RepeatAsync(url, "0");
        var again = await call.RepeatAsync(url, "0");
        Assert.Equal(first.Body, again.Body);

        // A late request for the same step with another key changes nothing either.
        var late = await call.RepeatAsync(url, "1");
        Assert.Equal(first.Body, late.Body);
    }

    [Fact]
    public async Task TheCallersLanguage_IsRememberedForTheNextCall()
    {
        var first = NewCall("CA-first");
        await first.StartAsync();
        await first.PressAsync("1"); // Spanish
        var second = NewCall("CA-second");
        var twiml = await second.StartAsync();
        Assert.Contains(Said(twiml), s => s.Contains("Menú:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LongAnswer_IsSpokenInParts_PressOneToContinue()
    {
        var call = NewCall();
        await call.StartAsync();
        await call.PressAsync("0");
        var part1 = await call.PressAsync("1");
        Assert.Contains(Said(part1), s => s.Contains("To hear more, press 1", StringComparison.Ordinal));
        var part2 = await call.PressAsync("1");
        Assert.Contains(Said(part2), s => s.Contains("Title 42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoPhoneNumber_ReachesTheLogs()
    {
        var call = NewCall();
        await call.StartAsync();
        foreach (var key in new[] { "0", "5", "3", "1", "9", "1" }) await call.PressAsync(key);
        await _twilio.WaitForMessageAsync(TimeSpan.FromSeconds(10));
        Assert.All(_app.Logs.Written(), line => Assert.DoesNotContain("5205550901", line));
    }

    [Fact]
    public async Task StoreFailure_OnACall_ApologisesGivesLegalHelpAndOffersEachLanguage_InsideAGather()
    {
        var broken = new Mock<IConversationStore>();
        broken.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("disk on fire"));
        using var app = new HelplineApp(services: s => s.AddSingleton(broken.Object));
        var content = app.Services.GetRequiredService<ContentSource>().Current;
        string English(string key) => content.Locales.Text("en", key);
        var legalHelp = content.Directory.Lookup(Helpline.Core.Engine.ConversationEngine.LegalHelpNeed, null)[0];

        var twiml = await new Call(app, "CA-broken", Caller).StartAsync();
        var said = Said(twiml).ToList();
        Assert.Contains(said, s => s.Contains(English("error.apology.voice"), StringComparison.Ordinal));
        Assert.Contains(said, s => s.Contains(English(legalHelp.Description), StringComparison.Ordinal));
        Assert.Contains(said, s => s.Contains(English(legalHelp.WebsiteSpoken!), StringComparison.Ordinal));
        // The language menu, offered in each language's own voice or recording, inside a Gather that takes keys.
        var gather = twiml.Elements("Gather").Single();
        Assert.Contains(gather.Elements("Say"), s => s.Attribute("language")?.Value == "es-US");
        Assert.True(gather.Elements().Count() >= content.Compiled.Node(content.Compiled.LanguageMenu)!.Languages.Count);
        Assert.Contains(app.Logs.Events, e => e.Level == Serilog.Events.LogEventLevel.Error && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task CallersLanguageRecord_IsReadAtTheStart_AndWrittenOnlyWhenTheLanguageChanges()
    {
        var memory = new MemoryConversationStore(TimeProvider.System);
        var store = new Mock<IConversationStore>();
        store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns((string k, CancellationToken c) => memory.GetAsync(k, c));
        store.Setup(s => s.TrySaveAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<long>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Returns((string k, string j, long v, TimeSpan t, CancellationToken c) => memory.TrySaveAsync(k, j, v, t, c));
        using var app = new HelplineApp(services: s => s.AddSingleton(store.Object));
        var callerKey = app.Services.GetRequiredService<CallerKeys>().For("voice", Caller);
        int Writes() => store.Invocations.Count(i => i.Method.Name == nameof(IConversationStore.TrySaveAsync) && (string)i.Arguments[0] == callerKey);
        int Reads() => store.Invocations.Count(i => i.Method.Name == nameof(IConversationStore.GetAsync) && (string)i.Arguments[0] == callerKey);

        var call = new Call(app, "CA-lang", Caller);
        await call.StartAsync();
        Assert.Equal((1, 0), (Reads(), Writes())); // no language yet: nothing to remember
        await call.PressAsync("1"); // Spanish: remembered (a read-modify-write of the caller's record)
        Assert.Equal((2, 1), (Reads(), Writes()));
        foreach (var key in new[] { "1", "1", "*", "0" }) await call.PressAsync(key); // an answer, its next part, repeat, the menu
        Assert.Equal((2, 1), (Reads(), Writes())); // the same language: neither read nor written again

        var again = new Call(app, "CA-lang-2", Caller);
        var menu = await again.StartAsync();
        Assert.Contains(Said(menu), s => s.Contains("Para Tengo miedo, oprima 2.", StringComparison.Ordinal));
        Assert.Equal((3, 1), (Reads(), Writes())); // remembered, and not rewritten
    }

    [Fact]
    public async Task MissingCallSid_Is400_WithValidTwiml()
    {
        var reply = await _app.PostAsync("/twilio/voice", [new("From", Caller)]);
        Assert.Equal(400, reply.Status);
        Assert.Equal("Response", reply.Xml.Root!.Name.LocalName);
    }
}
