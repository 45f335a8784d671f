using Helpline.Core.Voice;
using Moq;

namespace Helpline.Core.Tests.Voice;

/// <summary>
/// The minimal fixture with Spanish turned into a language Twilio cannot speak, so it needs stand-ins,
/// and a synthesizer that writes the text it was given instead of running espeak-ng.
/// </summary>
internal static class NoTwilioVoiceContent
{
    private const string TwilioVoice = "voice: { say_voice: Google.es-US-Standard-A, say_language: es-US }";
    private const string NoTwilioVoice = "voice: { say_voice: null, say_language: null, espeak_voice: es }";

    /// <summary>The call prompts the fixture's es.yaml has its own text for; the rest fall back to English.</summary>
    public static readonly string[] SpanishPrompts = ["error.not_an_option", "fear.1", "language.offer", "main.fear", "main.prompt", "welcome"];

    public static TempContent Create(Func<string, string>? editSpanish = null) => TestContent.EditedMinimal("locales/es.yaml", text =>
    {
        Assert.Contains(TwilioVoice, text);
        var edited = text.Replace(TwilioVoice, NoTwilioVoice, StringComparison.Ordinal);
        return editSpanish is null ? edited : editSpanish(edited);
    });

    /// <summary>Edits es.yaml of an existing copy, as an editor would between two renders.</summary>
    public static void EditSpanish(TempContent temp, string find, string replace)
    {
        var path = Path.Combine(temp.Root, "locales", "es.yaml");
        var text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
    }

    public static string SpanishFolder(TempContent temp) => Path.Combine(temp.Root, "locales", "audio", "es");

    public static Mock<ISpeechSynthesizer> Synthesizer()
    {
        var synthesizer = new Mock<ISpeechSynthesizer>();
        synthesizer.Setup(s => s.MissingPrograms()).Returns([]);
        synthesizer.Setup(s => s.Synthesize(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()))
            .Callback((string voice, string text, string file) => File.WriteAllText(file, $"{voice}: {text}"));
        return synthesizer;
    }
}
