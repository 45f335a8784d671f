using Helpline.Core.Content;
using Helpline.Core.Reporting;
using Helpline.Core.Validation;
using Helpline.Core.Voice;

namespace Helpline.Core.Tests.Voice;

/// <summary>
/// A recording says the words it was recorded from. When the translation or the English changes, the
/// manifest's text hashes no longer match: the recording is stale, the validator and the report say so,
/// and (by default) callers hear the stand-in or Twilio's voice, which say the current words.
/// </summary>
public sealed class RecordingFreshnessTests : IDisposable
{
    private const string MainPrompt = "Menú principal:";
    private readonly TempContent _temp = NoTwilioVoiceContent.Create();

    public void Dispose() => _temp.Dispose();

    private string Spanish => NoTwilioVoiceContent.SpanishFolder(_temp);

    private ContentBundle Load(StaleRecordings stale = StaleRecordings.FallBack) =>
        ContentLoader.Load(_temp.Root, new AudioSettings { StaleRecordings = stale });

    /// <summary>A recording as the import leaves it: a one-second phone WAV and its manifest entry, hashed from today's texts.</summary>
    private void Record(string culture, string key, double seconds = 1)
    {
        var content = Load();
        var folder = Path.Combine(content.AudioFolder, culture);
        System.IO.Directory.CreateDirectory(folder);
        WriteWav(Path.Combine(folder, key + ".wav"), seconds);
        File.WriteAllText(Path.Combine(folder, key + PromptAudio.StandInSuffix), "stand-in");
        var manifest = RecordingManifest.Read(folder);
        var (text, english) = RecordingManifest.CurrentHashes(content.Locales, content.Locales.Get(culture), key);
        manifest.Set(key, new RecordingEntry { RecordedBy = "Ana", RecordedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), TextHash = text, EnglishHash = english, Seconds = seconds });
        manifest.Write(folder);
    }

    private static void WriteWav(string path, double seconds)
    {
        var samples = (int)(8000 * seconds);
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(8000);
        writer.Write(16000);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++) writer.Write((short)(Math.Sin(i / 8.0) * 8000));
    }

    private PromptSound Resolve(ContentBundle content, string culture, string key) => new PromptAudio(content).Resolve(content.Locales.Get(culture), key);

    [Fact]
    public void Resolve_RecordingOfTheCurrentText_IsPlayed()
    {
        Record("es", "main.prompt");

        var sound = Resolve(Load(), "es", "main.prompt");

        Assert.Equal(new PromptSound(AudioSource.Recording, Path.Combine(Spanish, "main.prompt.wav"), Stale: false), sound);
    }

    [Fact]
    public void Resolve_TranslationChangedSinceRecorded_FallsBackToTheStandIn()
    {
        Record("es", "main.prompt");
        NoTwilioVoiceContent.EditSpanish(_temp, MainPrompt, "Menú:");

        var sound = Resolve(Load(), "es", "main.prompt");

        Assert.Equal(AudioSource.StandIn, sound.Source);
        Assert.True(sound.Stale);
    }

    [Fact]
    public void Resolve_EnglishChangedSinceRecorded_IsStaleToo()
    {
        Record("es", "main.prompt");
        var english = Path.Combine(_temp.Root, "locales", "en.yaml");
        File.WriteAllText(english, File.ReadAllText(english).Replace("main.prompt: \"Main menu:\"", "main.prompt: \"Main menu, choose:\""));

        Assert.True(Resolve(Load(), "es", "main.prompt").Stale);
    }

    [Fact]
    public void Resolve_StaleWithPlaySetting_StillPlaysTheRecording()
    {
        Record("es", "main.prompt");
        NoTwilioVoiceContent.EditSpanish(_temp, MainPrompt, "Menú:");

        var sound = Resolve(Load(StaleRecordings.Play), "es", "main.prompt");

        Assert.Equal(AudioSource.Recording, sound.Source);
        Assert.True(sound.Stale);
    }

    [Fact]
    public void Resolve_StaleRecordingInALanguageTwilioSpeaks_FallsBackToTwilio()
    {
        Record("en", "main.prompt");
        var english = Path.Combine(_temp.Root, "locales", "en.yaml");
        File.WriteAllText(english, File.ReadAllText(english).Replace("main.prompt: \"Main menu:\"", "main.prompt: \"Main menu, choose:\""));

        Assert.Equal(new PromptSound(AudioSource.Tts, null, Stale: true), Resolve(Load(), "en", "main.prompt"));
    }

    [Fact]
    public void Coverage_CountsStaleApartFromRecordedAndAddsUpTheSeconds()
    {
        Record("es", "main.prompt", seconds: 1.5);
        Record("es", "welcome", seconds: 4);
        NoTwilioVoiceContent.EditSpanish(_temp, MainPrompt, "Menú:");

        var row = Assert.Single(VoiceCoverage.Measure(Load()), r => r.Culture == "es");

        Assert.Equal((1, 1), (row.Recorded, row.Stale));
        // welcome's recording (4 s) plays; main.prompt's stale recording gives way to its stand-in, which is not a WAV here.
        Assert.Equal(4, row.AudioSeconds);
        Assert.Equal(VoicePrompts.For(Load()).Count, row.Total);
    }

    [Fact]
    public void Validate_StaleRecording_IsAWarningNamingWhoRecordedItAndWhatHappensMeanwhile()
    {
        Record("es", "main.prompt");
        NoTwilioVoiceContent.EditSpanish(_temp, MainPrompt, "Menú:");

        var findings = new ContentValidator(new ValidationOptions()).Validate(Load());

        var stale = Assert.Single(findings, f => f.Where == "main.prompt" && f.Message.StartsWith("recording is stale", StringComparison.Ordinal));
        Assert.Equal(Severity.Warning, stale.Severity);
        Assert.Contains("its text changed since Ana recorded it on 2026-12-01", stale.Message);
        Assert.Contains("callers hear the stand-in until then", stale.Message);
    }

    [Fact]
    public void Validate_RecordingOutsideTheManifest_IsAWarning()
    {
        System.IO.Directory.CreateDirectory(Spanish);
        WriteWav(Path.Combine(Spanish, "welcome.wav"), 1);

        var findings = new ContentValidator(new ValidationOptions()).Validate(Load());

        Assert.Contains(findings, f => f.Where == "welcome" && f.Severity == Severity.Warning && f.Message.Contains("is not in recordings.json"));
        Assert.DoesNotContain(findings, f => f.Message.StartsWith("recording is stale", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_ShowsRecordedStaleAndSecondsPerLanguage()
    {
        Record("es", "main.prompt", seconds: 2);
        Record("es", "welcome", seconds: 3);
        NoTwilioVoiceContent.EditSpanish(_temp, MainPrompt, "Menú:");

        var report = ContentReport.Write(Load(), new ReportOptions(), new DateOnly(2026, 12, 1));

        Assert.Contains("Voice: recorded / stale / Twilio / stand-in / missing | Audio (s) |", report);
        var spanish = report.Split('\n').Single(l => l.StartsWith("| `es`", StringComparison.Ordinal));
        Assert.Matches(@"\| 1 / 1 / 0 / \d+ / \d+ \| 3 \|$", spanish.TrimEnd());
    }

    [Fact]
    public void Render_StaleRecording_GetsAStandInAgainUntilReRecorded()
    {
        Record("es", "main.prompt");
        File.Delete(Path.Combine(Spanish, "main.prompt" + PromptAudio.StandInSuffix));
        NoTwilioVoiceContent.EditSpanish(_temp, MainPrompt, "Menú:");

        var report = Assert.Single(new StandInRenderer(Load(), NoTwilioVoiceContent.Synthesizer().Object).RenderAll(force: false));

        Assert.Contains("main.prompt", report.Rendered);
        Assert.True(File.Exists(Path.Combine(Spanish, "main.prompt.wav")), "the person's recording is kept for when the team decides");
    }
}
