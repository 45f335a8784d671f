using System.IO.Compression;
using Helpline.Core.Voice;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Core.Tests.Voice;

/// <summary>
/// A volunteer's files, generated for real (espeak-ng speech, sox tones and silence, ffmpeg encodings),
/// go through the real ffmpeg and sox. Spanish in the minimal fixture stands for a language without a
/// Twilio voice.
/// </summary>
public sealed class RecordingImporterTests : IDisposable
{
    private const string Welcome = "Bienvenido. Esto es información general, no asesoría legal.";
    private const string Fear = "Dígale al oficial que tiene miedo, con sus propias palabras.";

    private readonly GeneratedAudio _audio = new();
    private readonly TempContent _temp = NoTwilioVoiceContent.Create();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _audio.Dispose();
        _temp.Dispose();
    }

    private string Spanish => NoTwilioVoiceContent.SpanishFolder(_temp);

    private IReadOnlyList<ImportedFile> Import(string folderOrZip, bool force = false, string by = "Ana")
    {
        var content = _temp.Load();
        return new RecordingImporter(content, new AudioPrograms(), _time).ImportAll(content.Locales.Get("es"), folderOrZip, new ImportOptions(by, force));
    }

    private ImportedFile ImportOne(string file, bool force = false) => Assert.Single(Import(file, force));

    [Fact]
    public void Import_SpeechWithSilenceAround_SavedAsPhoneWavTrimmedAndInTheManifest()
    {
        var file = _audio.Speech("in/welcome.wav", Welcome, silence: 2, rate: 44100, channels: 2);
        var before = PcmAudio.Read(file).Seconds;

        var result = ImportOne(file);

        Assert.Equal(ImportOutcome.Saved, result.Outcome);
        Assert.Equal("welcome", result.Key);
        var saved = PcmAudio.Read(Path.Combine(Spanish, "welcome.wav"));
        Assert.Equal((8000, 1), (saved.SampleRate, saved.Channels));
        // Two seconds of silence at each end are gone (and espeak-ng's own lead-in); a short pad is left.
        Assert.InRange(saved.Seconds, 2, before - 4 + 0.6);
        var entry = RecordingManifest.Read(Spanish).Of("welcome");
        Assert.NotNull(entry);
        Assert.Equal("Ana", entry.RecordedBy);
        Assert.Equal(_time.GetUtcNow(), entry.RecordedAt);
        Assert.Equal(RecordingManifest.Hash(Welcome), entry.TextHash);
        Assert.Equal("welcome.wav", entry.OriginalFile);
    }

    [Theory]
    [InlineData("fear.1.mp3")]
    [InlineData("fear.1.m4a")]
    [InlineData("fear.1.ogg")]
    [InlineData("fear.1.opus")]
    [InlineData("fear.1.webm")]
    public void Import_WhatPhonesAndWhatsAppWrite_IsConvertedToPhoneWav(string name)
    {
        var result = ImportOne(_audio.Speech(name, Fear));

        Assert.True(result.IsSaved, result.Reason);
        var saved = PcmAudio.Read(Path.Combine(Spanish, "fear.1.wav"));
        Assert.Equal((8000, 1), (saved.SampleRate, saved.Channels));
    }

    [Fact]
    public void Import_QuietAndLoudSpeakers_AreNormalizedToTheSameLoudness()
    {
        var quiet = ImportOne(_audio.Speech("welcome.wav", Welcome, gainDb: -24));
        var loud = ImportOne(_audio.Speech("fear.1.wav", Fear, gainDb: -1));

        Assert.True(quiet.IsSaved && loud.IsSaved, quiet.Reason + " / " + loud.Reason);
        var quietLevel = PcmAudio.Read(Path.Combine(Spanish, "welcome.wav")).Measure().SpeechDb;
        var loudLevel = PcmAudio.Read(Path.Combine(Spanish, "fear.1.wav")).Measure().SpeechDb;
        Assert.InRange(Math.Abs(quietLevel - loudLevel), 0, 3);
        Assert.InRange(quietLevel, -30, -6);
    }

    [Fact]
    public void Import_Silence_IsRejectedAsSilent()
    {
        var result = ImportOne(_audio.Silence("welcome.wav", 3));

        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.StartsWith("silent", result.Reason);
        Assert.False(File.Exists(Path.Combine(Spanish, "welcome.wav")));
    }

    [Fact]
    public void Import_ASteadyHumNoSpeech_IsRejectedAsSilent()
    {
        var result = ImportOne(_audio.Tone("welcome.m4a", 4, frequency: 60, gainDb: -30));

        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.StartsWith("silent", result.Reason);
    }

    [Theory]
    [InlineData("welcome.wav")]
    [InlineData("welcome.mp3")]
    public void Import_SpeechTurnedUpUntilItClips_IsRejectedAsClipped(string name)
    {
        var result = ImportOne(_audio.Speech(name, Welcome, gainDb: 20));

        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.StartsWith("clipped", result.Reason);
    }

    [Fact]
    public void Import_AClippedTone_IsRejectedAsClipped()
    {
        var result = ImportOne(_audio.Tone("welcome.wav", 3, gainDb: 12));

        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.StartsWith("clipped", result.Reason);
    }

    [Fact]
    public void Import_TwoPromptsReadIntoOneFile_IsRejectedAsTooLong()
    {
        // "Menú principal:" is 15 characters; a whole paragraph is not what it says.
        var result = ImportOne(_audio.Speech("main.prompt.wav", string.Join(' ', Enumerable.Repeat(Welcome + " " + Fear, 2))));

        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.StartsWith("too long for its text", result.Reason);
    }

    [Fact]
    public void Import_OneWordForALongText_IsRejectedAsTooShort()
    {
        var result = ImportOne(_audio.Speech("welcome.wav", "Hola, buenos días"));

        Assert.Equal(ImportOutcome.Rejected, result.Outcome);
        Assert.StartsWith("too short for its text", result.Reason);
    }

    [Fact]
    public void Import_UnknownKeyAndNotAudio_AreReportedNotSaved()
    {
        _audio.Speech("in/grabacion-1.m4a", Welcome);
        File.WriteAllText(Path.Combine(_audio.Folder, "in", "notes.txt"), "hello");

        var results = Import(Path.Combine(_audio.Folder, "in"));

        var unknown = Assert.Single(results, r => r.File == "grabacion-1.m4a");
        Assert.Equal(ImportOutcome.Rejected, unknown.Outcome);
        Assert.StartsWith("unknown key 'grabacion-1'", unknown.Reason);
        Assert.Equal(ImportOutcome.Skipped, Assert.Single(results, r => r.File == "notes.txt").Outcome);
        Assert.False(File.Exists(Path.Combine(Spanish, RecordingManifest.FileName)));
    }

    [Fact]
    public void Import_AWorseRecording_KeepsTheBetterOneUnlessForced()
    {
        Assert.True(ImportOne(_audio.Speech("good/welcome.wav", Welcome)).IsSaved);
        var good = File.ReadAllBytes(Path.Combine(Spanish, "welcome.wav"));
        // The same words over a loud hiss, as in a crowded shelter.
        var noisy = _audio.Speech("speech/welcome.wav", Welcome);
        var hiss = Path.Combine(_audio.Folder, "noisy", "welcome.wav");
        MixWithHiss(noisy, hiss);

        var kept = ImportOne(hiss);

        Assert.True(kept.Outcome == ImportOutcome.Kept, kept.Reason);
        Assert.StartsWith("the recording already there is better", kept.Reason);
        Assert.Equal(good, File.ReadAllBytes(Path.Combine(Spanish, "welcome.wav")));
        Assert.Equal(ImportOutcome.Replaced, ImportOne(hiss, force: true).Outcome);
        Assert.NotEqual(good, File.ReadAllBytes(Path.Combine(Spanish, "welcome.wav")));
    }

    private void MixWithHiss(string speech, string hiss)
    {
        // Speech mixed with white noise about 20 dB below it, as in a crowded room.
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(hiss)!);
        var noise = Path.Combine(_audio.Folder, "noise.wav");
        var seconds = PcmAudio.Read(speech).Seconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        Sox("-n", "-r", "44100", "-c", "1", "-b", "16", noise, "synth", seconds, "whitenoise", "gain", "-30");
        Sox("-m", speech, noise, hiss);

        static void Sox(params string[] arguments)
        {
            var start = new System.Diagnostics.ProcessStartInfo("sox") { RedirectStandardError = true };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            using var p = System.Diagnostics.Process.Start(start)!;
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
        }
    }

    [Fact]
    public void Import_AnOlderRecordingOfAChangedText_IsReplacedWithoutForce()
    {
        Assert.True(ImportOne(_audio.Speech("first/welcome.wav", Welcome)).IsSaved);
        NoTwilioVoiceContent.EditSpanish(_temp, Welcome, "Bienvenida. Esto es información general.");

        var result = ImportOne(_audio.Speech("second/welcome.wav", "Bienvenida. Esto es información general.", gainDb: -10));

        Assert.Equal(ImportOutcome.Replaced, result.Outcome);
        Assert.Equal(RecordingManifest.Hash("Bienvenida. Esto es información general."), RecordingManifest.Read(Spanish).Of("welcome")!.TextHash);
    }

    [Fact]
    public void Import_Zip_ImportsItsFilesAndNeverWritesOutsideTheAudioFolder()
    {
        var speech = _audio.Speech("z/src.ogg", Fear);
        var zip = Path.Combine(_audio.Folder, "from-whatsapp.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(speech, "recordings/003_fear.1.ogg");
            archive.CreateEntryFromFile(speech, "../../escape/welcome.ogg");
        }

        var results = Import(zip);

        Assert.Equal(ImportOutcome.Saved, Assert.Single(results, r => r.Key == "fear.1").Outcome);
        // The "../" entry is read under its own name only: too short for welcome's text, and nothing escapes.
        Assert.DoesNotContain(results, r => r.File.Contains("escape") && r.IsSaved && !File.Exists(Path.Combine(Spanish, "welcome.wav")));
        Assert.False(System.IO.Directory.Exists(Path.Combine(_audio.Folder, "..", "escape")));
        Assert.True(File.Exists(Path.Combine(Spanish, "fear.1.wav")));
    }

    [Fact]
    public void Import_ReplacesTheStandInItRecords()
    {
        System.IO.Directory.CreateDirectory(Spanish);
        File.WriteAllText(Path.Combine(Spanish, "welcome.standin.wav"), "espeak");
        File.WriteAllText(Path.Combine(Spanish, "welcome.mp3"), "an older recording in another format");

        Assert.True(ImportOne(_audio.Speech("welcome.m4a", Welcome)).IsSaved);

        Assert.False(File.Exists(Path.Combine(Spanish, "welcome.standin.wav")));
        Assert.False(File.Exists(Path.Combine(Spanish, "welcome.mp3")));
        Assert.Equal(AudioSource.Recording, new PromptAudio(_temp.Load()).Resolve(_temp.Load().Locales.Get("es"), "welcome").Source);
    }

    [Theory]
    [InlineData("main.prompt.m4a", "main.prompt")]
    [InlineData("012_main.prompt.ogg", "main.prompt")]
    [InlineData("012 Main.Prompt.OGG", "main.prompt")]
    [InlineData("about.2.m4a", "about.2.voice")]
    [InlineData("about.2.voice.m4a", "about.2.voice")]
    [InlineData("main.m4a", null)]
    [InlineData("PTT-20261201-WA0003.opus", null)]
    public void KeyFor_FileName_NamesTheKey(string file, string? key) =>
        Assert.Equal(key, RecordingImporter.KeyFor(file, ["main.prompt", "about.2.voice", "main.fear"]));
}
