using System.Xml.Linq;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using HttpMethod = Twilio.Http.HttpMethod;

namespace Helpline.Twilio.Tests.Differential;

/// <summary>
/// The project's TwiML writer against the official library's (Twilio 8.2.0): for every verb and attribute the
/// helpline emits, the same XML once parsed (names, attributes, text), counting an attribute left out as
/// Twilio's documented default (the project leaves out <c>input="dtmf"</c> and <c>method="POST"</c>).
/// </summary>
public sealed class TwimlDifferentialTests
{
    private const string Prompt = "Decir que tiene miedo: 1. Cómo decirlo · 0 = menú";

    public static TheoryData<string, Func<TwimlResponse>, Func<TwiML>> Cases => new()
    {
        { "Message", () => new TwimlResponse().Message(Prompt), () => new MessagingResponse().Message(Prompt) },
        { "Message, markup and RTL text", () => new TwimlResponse().Message("a < b & \"c\" 'd' دری\u200F ۲"),
            () => new MessagingResponse().Message("a < b & \"c\" 'd' دری\u200F ۲") },
        { "empty Response", () => new TwimlResponse(), () => new MessagingResponse() },
        { "Say with voice, language, loop", () => new TwimlResponse().Say(Prompt, "Google.es-US-Standard-A", "es-US", 2),
            () => new VoiceResponse().Say(Prompt, voice: "Google.es-US-Standard-A", language: "es-US", loop: 2) },
        { "Play with loop", () => new TwimlResponse().Play("https://h.example/audio/fa-AF/main.prompt.mp3?v=3&x=1", 1),
            () => new VoiceResponse().Play(new Uri("https://h.example/audio/fa-AF/main.prompt.mp3?v=3&x=1"), loop: 1) },
        { "Pause", () => new TwimlResponse().Pause(2), () => new VoiceResponse().Pause(length: 2) },
        { "Hangup", () => new TwimlResponse().Hangup(), () => new VoiceResponse().Hangup() },
        { "Redirect", () => new TwimlResponse().Redirect("/twilio/voice/turn?silence=1&n=2"),
            () => new VoiceResponse().Redirect(new Uri("/twilio/voice/turn?silence=1&n=2", UriKind.Relative)) },
        { "Redirect GET", () => new TwimlResponse().Redirect("/twilio/voice/turn", "GET"),
            () => new VoiceResponse().Redirect(new Uri("/twilio/voice/turn", UriKind.Relative), method: HttpMethod.Get) },
        { "Gather, keypad, every attribute the helpline sets", () => new TwimlResponse()
                .Gather(new GatherOptions("/twilio/voice/turn?n=1", NumDigits: 1, Timeout: 5, ActionOnEmptyResult: true, FinishOnKey: ""),
                    g => g.Say(Prompt, "Google.es-US-Standard-A", "es-US").Play("https://h.example/a.mp3").Pause(1))
                .Redirect("/twilio/voice/turn?silence=1"),
            () =>
            {
                var gather = new Gather(action: new Uri("/twilio/voice/turn?n=1", UriKind.Relative), numDigits: 1, timeout: 5,
                    actionOnEmptyResult: true, finishOnKey: "");
                gather.Say(Prompt, voice: "Google.es-US-Standard-A", language: "es-US").Play(new Uri("https://h.example/a.mp3")).Pause(length: 1);
                return new VoiceResponse().Append(gather).Redirect(new Uri("/twilio/voice/turn?silence=1", UriKind.Relative));
            } },
        { "Gather, speech and keypad", () => new TwimlResponse()
                .Gather(new GatherOptions("/t", Input: "dtmf speech", Language: "fa-IR", Hints: "یک, دو", SpeechTimeout: "auto", Method: "GET"),
                    g => g.Play("https://h.example/fa.mp3", 2)),
            () =>
            {
                var gather = new Gather(input: [Gather.InputEnum.Dtmf, Gather.InputEnum.Speech], action: new Uri("/t", UriKind.Relative),
                    language: Gather.LanguageEnum.FaIr, hints: "یک, دو", speechTimeout: "auto", method: HttpMethod.Get);
                gather.Play(new Uri("https://h.example/fa.mp3"), loop: 2);
                return new VoiceResponse().Append(gather);
            } },
        { "Dial, every attribute the helpline sets", () => new TwimlResponse()
                .Dial(new DialOptions("/twilio/voice/dial?org=x", 20, "+15555550199", TimeLimit: 3600, AnswerOnBridge: true), ["+15555550100"]),
            () => new VoiceResponse().Append(new Dial(action: new Uri("/twilio/voice/dial?org=x", UriKind.Relative), timeout: 20,
                callerId: "+15555550199", timeLimit: 3600, answerOnBridge: true).Number("+15555550100")) },
        { "Dial, several numbers", () => new TwimlResponse().Dial(new DialOptions(), ["+15555550100", "+15555550101"]),
            () => new VoiceResponse().Append(new Dial().Number("+15555550100").Number("+15555550101")) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verb_SameXmlAsTheOfficialLibrary(string what, Func<TwimlResponse> project, Func<TwiML> official)
    {
        var ours = project().ToString();
        var theirs = official().ToString();

        Assert.StartsWith("""<?xml version="1.0" encoding="UTF-8"?>""", ours);
        Assert.True(Canonical(ours) == Canonical(theirs), $"{what}:\n ours:   {Canonical(ours)}\n theirs: {Canonical(theirs)}");
    }

    // --- Where they differ ---------------------------------------------------------------------------------

    /// <summary>
    /// A character XML 1.0 forbids (a control character pasted into a locale file): the official library throws,
    /// which in a webhook would be Twilio's English error message and a hung-up call; the project's writer drops it.
    /// </summary>
    [Fact]
    public void ControlCharacter_OursDropsIt_TheOfficialLibraryThrows()
    {
        var ours = new TwimlResponse().Message("menú\u0001 principal").ToString();

        Assert.Contains("<Message>menú principal</Message>", ours);
        Assert.ThrowsAny<ArgumentException>(() => new MessagingResponse().Message("menú\u0001 principal").ToString());
    }

    [Fact]
    public void Canonical_SeesADifferentAttribute() =>
        Assert.NotEqual(Canonical(new TwimlResponse().Say("a", loop: 2).ToString()), Canonical(new TwimlResponse().Say("a", loop: 3).ToString()));

    /// <summary>Element names, attributes sorted (Twilio's defaults dropped), text; whitespace between elements ignored.</summary>
    private static string Canonical(string twiml) => Canonical(XDocument.Parse(twiml).Root!);

    private static string Canonical(XElement element)
    {
        var attributes = element.Attributes()
            .Where(a => !IsDefault(element.Name.LocalName, a.Name.LocalName, a.Value))
            .OrderBy(a => a.Name.LocalName, StringComparer.Ordinal)
            .Select(a => $" {a.Name.LocalName}=\"{a.Value}\"");
        var content = element.HasElements
            ? string.Concat(element.Elements().Select(Canonical))
            : element.Value;
        return $"<{element.Name.LocalName}{string.Concat(attributes)}>{content}</{element.Name.LocalName}>";
    }

    private static bool IsDefault(string verb, string attribute, string value) => (verb, attribute, value) switch
    {
        ("Gather", "input", "dtmf") => true,
        ("Gather" or "Redirect" or "Dial", "method", "POST") => true,
        _ => false,
    };
}
