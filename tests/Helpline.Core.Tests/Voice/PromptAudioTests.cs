using Helpline.Core.Localization;
using Helpline.Core.Voice;

namespace Helpline.Core.Tests.Voice;

/// <summary>DESIGN.md's order: a person's recording, else Twilio's voice, else a stand-in; never English TTS for a language Twilio lacks.</summary>
public sealed class PromptAudioTests : IDisposable
{
    private readonly string _audioFolder = System.IO.Directory.CreateTempSubdirectory("helpline-audio-").FullName;

    private static Locale WithTwilioVoice => new() { Culture = "es", Voice = new() { SayLanguage = "es-US", EspeakVoice = "es" } };
    private static Locale WithoutTwilioVoice => new() { Culture = "es", Voice = new() { SayLanguage = null, EspeakVoice = "es" } };

    public void Dispose() => System.IO.Directory.Delete(_audioFolder, recursive: true);

    private string Put(string culture, string name)
    {
        var path = Path.Combine(_audioFolder, culture, name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "audio");
        return path;
    }

    private PromptSound Resolve(Locale locale, string? key) => new PromptAudio(_audioFolder).Resolve(locale, key);

    [Fact]
    public void Resolve_UsesTheFolderAsListedWhenMade_NotTheDiskOnEveryPrompt()
    {
        var recording = Put("es", "welcome.wav");
        var audio = new PromptAudio(_audioFolder);
        File.Delete(recording);
        Put("es", "help.wav");
        // A call resolves from the listing of its content load; the next load (any change under locales/) sees the change.
        Assert.Equal(AudioSource.Recording, audio.Resolve(WithTwilioVoice, "welcome").Source);
        Assert.Equal(AudioSource.Tts, audio.Resolve(WithTwilioVoice, "help").Source);
        Assert.Equal(AudioSource.Recording, Resolve(WithTwilioVoice, "help").Source);
    }

    [Fact]
    public void Resolve_RecordingBesideTwilioVoice_PlaysTheRecording()
    {
        var recording = Put("es", "welcome.wav");
        Assert.Equal(new PromptSound(AudioSource.Recording, recording), Resolve(WithTwilioVoice, "welcome"));
    }

    [Fact]
    public void Resolve_RecordingBesideStandIn_PlaysTheRecording()
    {
        var recording = Put("es", "welcome.mp3");
        Put("es", "welcome.standin.wav");
        Assert.Equal(new PromptSound(AudioSource.Recording, recording), Resolve(WithoutTwilioVoice, "welcome"));
    }

    [Fact]
    public void Resolve_TwilioVoiceBesideStandIn_UsesTwilioVoice()
    {
        Put("es", "welcome.standin.wav");
        Assert.Equal(AudioSource.Tts, Resolve(WithTwilioVoice, "welcome").Source);
    }

    [Fact]
    public void Resolve_NoTwilioVoiceNoRecording_PlaysTheStandIn()
    {
        var standIn = Put("es", "welcome.standin.wav");
        Assert.Equal(new PromptSound(AudioSource.StandIn, standIn), Resolve(WithoutTwilioVoice, "welcome"));
    }

    [Theory]
    [InlineData("welcome")]
    [InlineData(null)]
    public void Resolve_NoTwilioVoiceAndNoFile_IsMissingNeverTwilioVoice(string? key) =>
        Assert.Equal(new PromptSound(AudioSource.Missing, null), Resolve(WithoutTwilioVoice, key));

    [Fact]
    public void Resolve_RecordingInAnotherCulturesFolder_IsNotPlayed()
    {
        Put("en", "welcome.wav");
        Assert.Equal(AudioSource.Missing, Resolve(WithoutTwilioVoice, "../en/welcome").Source);
    }

    [Theory]
    [InlineData("welcome.mp3", true)]
    [InlineData("welcome.standin.wav", true)]
    [InlineData("voice.press.star.wav", true)]
    [InlineData("../welcome.wav", false)]
    [InlineData("sub/welcome.wav", false)]
    [InlineData("", false)]
    public void IsSafeFileName_OnlyPlainNames(string name, bool safe) => Assert.Equal(safe, PromptAudio.IsSafeFileName(name));
}
