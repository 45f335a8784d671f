using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Helpline.Twilio.Tests.Twiml;

public sealed class TwimlResponseTests
{
    private const string Declaration = """<?xml version="1.0" encoding="UTF-8"?>""";

    [Fact]
    public void Message_ContractExample_ReproducesExactly() =>
        Assert.Equal(
            """<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hello</Message></Response>""",
            new TwimlResponse().Message("Hello").ToString());

    [Fact]
    public void Gather_ContractExample_ReproducesExactly()
    {
        var twiml = new TwimlResponse()
            .Gather(new GatherOptions(Action: "", Timeout: 5, FinishOnKey: "abcd"), verbs => verbs.Say("hello world!", loop: 2));

        Assert.Equal(
            """<?xml version="1.0" encoding="UTF-8"?><Response><Gather timeout="5" finishOnKey="abcd"><Say loop="2">hello world!</Say></Gather></Response>""",
            twiml.ToString());
    }

    [Fact]
    public void Dial_ContractExample_ReproducesExactly() =>
        Assert.Equal(
            """<?xml version="1.0" encoding="UTF-8"?><Response><Dial><Number>1231231234</Number></Dial></Response>""",
            new TwimlResponse().Dial(new DialOptions(), ["1231231234"]).ToString());

    [Fact]
    public void ToString_NoVerbs_IsAnEmptyResponse()
    {
        var twiml = new TwimlResponse().ToString();

        Assert.Contains(twiml, new[] { Declaration + "<Response />", Declaration + "<Response></Response>" });
        Assert.Empty(XDocument.Parse(twiml).Root!.Elements());
    }

    [Fact]
    public void Gather_EveryOption_WritesCamelCaseAttributesAndNestedVerbs()
    {
        var options = new GatherOptions(
            Action: "/voice/menu?step=1&lang=fr",
            Input: "dtmf speech",
            NumDigits: 1,
            Timeout: 5,
            Language: "fr-FR",
            Hints: "oui, non",
            Method: "GET",
            ActionOnEmptyResult: true,
            FinishOnKey: "#",
            SpeechTimeout: "auto");

        var twiml = new TwimlResponse()
            .Gather(options, verbs => verbs
                .Say("Bonjour", voice: "Google.fr-FR-Standard-A", language: "fr-FR")
                .Play("https://cdn.example/menu.mp3", loop: 2)
                .Pause(1))
            .Redirect("/voice/menu?step=1");

        Assert.Equal(
            Declaration + "<Response>"
            + """<Gather input="dtmf speech" action="/voice/menu?step=1&amp;lang=fr" method="GET" timeout="5" numDigits="1" """
            + """finishOnKey="#" speechTimeout="auto" language="fr-FR" hints="oui, non" actionOnEmptyResult="true">"""
            + """<Say voice="Google.fr-FR-Standard-A" language="fr-FR">Bonjour</Say>"""
            + """<Play loop="2">https://cdn.example/menu.mp3</Play>"""
            + """<Pause length="1" />"""
            + "</Gather>"
            + "<Redirect>/voice/menu?step=1</Redirect>"
            + "</Response>",
            twiml.ToString());
    }

    [Fact]
    public void Gather_TwilioDefaults_AreLeftOut() =>
        Assert.Equal(
            Declaration + """<Response><Gather action="/voice/menu" /></Response>""",
            new TwimlResponse().Gather(new GatherOptions("/voice/menu"), _ => { }).ToString());

    [Fact]
    public void Redirect_WithGet_WritesTheMethod() =>
        Assert.Equal(
            Declaration + """<Response><Redirect method="GET">/voice/next</Redirect></Response>""",
            new TwimlResponse().Redirect("/voice/next", "GET").ToString());

    [Fact]
    public void SayPlayPauseHangup_AtTopLevel_WriteInOrder() =>
        Assert.Equal(
            Declaration + """<Response><Say voice="Polly.Joanna" language="en-US" loop="0">Goodbye</Say>"""
            + """<Play>https://cdn.example/bye.mp3</Play><Pause length="2" /><Hangup /></Response>""",
            new TwimlResponse()
                .Say("Goodbye", voice: "Polly.Joanna", language: "en-US", loop: 0)
                .Play("https://cdn.example/bye.mp3")
                .Pause(2)
                .Hangup()
                .ToString());

    [Fact]
    public void Dial_EveryOption_WritesCamelCaseAttributes()
    {
        var options = new DialOptions(
            Action: "/voice/dial-done", Timeout: 20, CallerId: "+15005550001", Method: "GET", TimeLimit: 600, AnswerOnBridge: false);

        Assert.Equal(
            Declaration + """<Response><Dial action="/voice/dial-done" method="GET" timeout="20" callerId="+15005550001" """
            + """timeLimit="600" answerOnBridge="false"><Number>+15005550002</Number><Number>+15005550003</Number></Dial></Response>""",
            new TwimlResponse().Dial(options, ["+15005550002", "+15005550003"]).ToString());
    }

    [Fact]
    public void Dial_TenNumbers_WritesAllTen()
    {
        var numbers = Enumerable.Range(0, 10).Select(i => $"+1500555000{i}");

        var dial = XDocument.Parse(new TwimlResponse().Dial(new DialOptions(), numbers).ToString()).Root!.Element("Dial")!;

        Assert.Equal(10, dial.Elements("Number").Count());
    }

    [Fact]
    public void Dial_ElevenNumbers_Throws()
    {
        var numbers = Enumerable.Range(0, 11).Select(i => $"+150055500{i:00}");

        Assert.Throws<ArgumentException>(() => new TwimlResponse().Dial(new DialOptions(), numbers));
    }

    [Fact]
    public void Dial_NoNumbers_Throws() =>
        Assert.Throws<ArgumentException>(() => new TwimlResponse().Dial(new DialOptions(), []));

    [Fact]
    public void Pause_NegativeLength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TwimlResponse().Pause(-1));

    [Fact]
    public void VerbMethods_ReturnTheSameBuilder()
    {
        var twiml = new TwimlResponse();

        Assert.Same(twiml, twiml.Message("a"));
        Assert.Same(twiml, twiml.Say("a"));
        Assert.Same(twiml, twiml.Play("https://cdn.example/a.mp3"));
        Assert.Same(twiml, twiml.Gather(new GatherOptions("/a"), _ => { }));
        Assert.Same(twiml, twiml.Redirect("/a"));
        Assert.Same(twiml, twiml.Pause(1));
        Assert.Same(twiml, twiml.Hangup());
        Assert.Same(twiml, twiml.Dial(new DialOptions(), ["+15005550002"]));
    }

    [Fact]
    public void Message_MarkupCharacters_AreEscapedAndRoundTrip()
    {
        const string text = """Tom & Jerry <said> "hi" it's 5 > 3""";

        var twiml = new TwimlResponse().Message(text).ToString();

        Assert.Contains("Tom &amp; Jerry &lt;said&gt;", twiml);
        Assert.Equal(text, XDocument.Parse(twiml).Root!.Element("Message")!.Value);
    }

    [Fact]
    public void Say_MarkupCharactersInAttribute_AreEscapedAndRoundTrip()
    {
        const string voice = """a"b<c>&'d""";

        var twiml = new TwimlResponse().Say("x", voice: voice).ToString();

        Assert.Contains("&quot;", twiml);
        Assert.Equal(voice, XDocument.Parse(twiml).Root!.Element("Say")!.Attribute("voice")!.Value);
    }

    [Theory]
    [InlineData("سلام، چطور می‌توانم کمک کنم؟ 👋")]
    [InlineData("שלום 🇺🇦 Привіт ✅")]
    [InlineData("Bonjour\nLigne deux\r\nLigne trois\tfin")]
    public void Message_EmojiRtlAndLineBreaks_SurviveUnchanged(string text)
    {
        var twiml = new TwimlResponse().Message(text).ToString();

        Assert.Equal(text, XDocument.Parse(twiml).Root!.Element("Message")!.Value);
    }

    [Fact]
    public void Message_Emoji_IsWrittenAsCharactersNotEntities() =>
        Assert.Contains("<Message>👋</Message>", new TwimlResponse().Message("👋").ToString());

    [Fact]
    public void Message_CharactersXmlForbids_AreDroppedAndTheRestKept()
    {
        var text = "a\u0000b\u0007c\u001Bd\u000Be\uFFFEf\uFFFFg\uD800h\uDC00i 😜";

        var twiml = new TwimlResponse().Message(text).ToString();

        Assert.Equal("abcdefghi 😜", XDocument.Parse(twiml).Root!.Element("Message")!.Value);
    }

    [Fact]
    public void Say_ControlCharacterInAttribute_StillGivesValidXml()
    {
        var twiml = new TwimlResponse().Say("hi\u0001", language: "fr\u0002-FR").ToString();

        var say = XDocument.Parse(twiml).Root!.Element("Say")!;
        Assert.Equal("hi", say.Value);
        Assert.Equal("fr-FR", say.Attribute("language")!.Value);
    }

    [Fact]
    public async Task ToResult_WritesUtf8TwimlWithTheXmlContentType()
    {
        var twiml = new TwimlResponse().Message("Merci 👋 سلام");
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await twiml.ToResult().ExecuteAsync(context);

        Assert.Equal(TwimlResponse.ContentType, context.Response.ContentType);
        Assert.Equal("text/xml; charset=utf-8", TwimlResponse.ContentType);
        Assert.Equal(Encoding.UTF8.GetBytes(twiml.ToString()), body.ToArray());
    }

    /// <summary>
    /// The writer is hand-made (an XmlWriter per reply was the costliest part of rendering): on text full of
    /// what XML makes hard, it must write what XmlWriter writes with TwiML's settings.
    /// </summary>
    [Fact]
    public void ToString_AwkwardText_IsWhatXmlWriterWrites()
    {
        var random = new Random(20261125);
        const string alphabet = "aZ09 &<>\"'\r\n\t\u0001\u0008\u000B\u001F\uFFFE\uFFFF\uD83D\uDE00\uD800\uDC00éدری中\u200F\u2028]]>";
        string Awkward() => new([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);

        for (var i = 0; i < 500; i++)
        {
            var (message, say, voice, url) = (Awkward(), Awkward(), Awkward(), "/twilio/voice?s=" + Awkward());
            var twiml = new TwimlResponse().Message(message).Say(say, voice: voice).Redirect(url).Hangup().ToString();

            Assert.Equal(WithXmlWriter(message, say, voice, url), twiml);
            XDocument.Parse(twiml); // and it parses
        }
    }

    private static string WithXmlWriter(string message, string say, string voice, string url)
    {
        static string Safe(string text)
        {
            var kept = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { kept.Append(text, i, 2); i++; }
                else if (text[i] is '\t' or '\n' or '\r' || (text[i] >= '\u0020' && text[i] <= '\uD7FF') || (text[i] >= '\uE000' && text[i] <= '\uFFFD')) kept.Append(text[i]);
            }
            return kept.ToString();
        }

        var markup = new StringBuilder(Declaration);
        using (var writer = System.Xml.XmlWriter.Create(markup, new System.Xml.XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            ConformanceLevel = System.Xml.ConformanceLevel.Fragment,
            NewLineHandling = System.Xml.NewLineHandling.Entitize,
        }))
        {
            writer.WriteStartElement("Response");
            writer.WriteStartElement("Message");
            writer.WriteString(Safe(message));
            writer.WriteEndElement();
            writer.WriteStartElement("Say");
            writer.WriteAttributeString("voice", Safe(voice));
            writer.WriteString(Safe(say));
            writer.WriteEndElement();
            writer.WriteStartElement("Redirect");
            writer.WriteString(Safe(url));
            writer.WriteEndElement();
            writer.WriteStartElement("Hangup");
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        return markup.ToString();
    }
}
