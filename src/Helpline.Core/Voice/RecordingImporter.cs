using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Helpline.Core.Content;
using Helpline.Core.Localization;

namespace Helpline.Core.Voice;

public enum ImportOutcome
{
    /// <summary>Converted and saved: callers hear it now.</summary>
    Saved,
    /// <summary>Saved in place of an older recording.</summary>
    Replaced,
    /// <summary>Good enough, but the recording already there is better; --force replaces it.</summary>
    Kept,
    /// <summary>Not usable; the reason says why and what to do.</summary>
    Rejected,
    /// <summary>Not an audio file (a note, a photo); ignored.</summary>
    Skipped,
}

/// <summary>What happened to one file a volunteer sent.</summary>
public sealed record ImportedFile(string File, string? Key, ImportOutcome Outcome, string Reason, AudioMeasurement? Measured = null)
{
    public bool IsSaved => Outcome is ImportOutcome.Saved or ImportOutcome.Replaced;
}

public sealed record ImportOptions(string RecordedBy, bool Force = false, string Source = "import");

/// <summary>
/// Takes what volunteers send (phone memos, WhatsApp voice notes, a browser's recording), checks it and
/// turns it into the file a call plays: <see cref="PhoneFormat"/>. The same checks run for a folder, a
/// zip and the browser page, so a recording is held to one standard however it arrives.
/// </summary>
public sealed partial class RecordingImporter(ContentBundle content, AudioPrograms programs, TimeProvider time)
{
    /// <summary>
    /// WAV, 8 kHz, mono, 16-bit PCM: the telephone network carries 8 kHz mono (G.711), so more is wasted
    /// on a call; Twilio's &lt;Play&gt; plays PCM WAV without an MP3 decoder's start-up delay or artefacts;
    /// every browser plays it back in the simulator; and at 16 KB a second a language's ~150 prompts stay
    /// a few megabytes. It is also the format of the espeak-ng stand-ins.
    /// </summary>
    public const string PhoneFormat = "WAV, 8 kHz, mono, 16-bit PCM";
    public const int PhoneSampleRate = 8000;

    /// <summary>What phones, WhatsApp and browsers write; anything else in a folder is skipped.</summary>
    public static readonly IReadOnlySet<string> AudioExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".wav", ".mp3", ".m4a", ".aac", ".mp4", ".ogg", ".oga", ".opus", ".webm", ".flac", ".amr", ".3gp", ".caf",
    };

    public const long MaxFileBytes = 50 * 1024 * 1024;
    private const int MaxZipEntries = 2000;

    // Loudness target for every prompt, so no recording is much louder or quieter than the next
    // (EBU R128 measure; -18 LUFS leaves room on a phone line without sounding faint).
    private const string PhoneFilters = "highpass=f=80,lowpass=f=3600,loudnorm=I=-18:TP=-2:LRA=11";

    // One import at a time writes into an audio folder: the "keep the better one" decision and the
    // manifest must not interleave with another import or a browser save.
    private static readonly Lock Writing = new();

    /// <summary>Imports every audio file in a folder (and its subfolders) or a zip.</summary>
    public IReadOnlyList<ImportedFile> ImportAll(Locale locale, string folderOrZip, ImportOptions options)
    {
        if (File.Exists(folderOrZip) && Path.GetExtension(folderOrZip).Equals(".zip", StringComparison.OrdinalIgnoreCase))
            return ImportZip(locale, folderOrZip, options);
        if (!System.IO.Directory.Exists(folderOrZip))
        {
            if (File.Exists(folderOrZip)) return [ImportFile(locale, folderOrZip, Path.GetFileName(folderOrZip), options)];
            throw new FileNotFoundException($"{folderOrZip}: no such folder or zip");
        }
        return [.. System.IO.Directory.EnumerateFiles(folderOrZip, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => ImportFile(locale, f, Path.GetRelativePath(folderOrZip, f), options))];
    }

    private List<ImportedFile> ImportZip(Locale locale, string zip, ImportOptions options)
    {
        var results = new List<ImportedFile>();
        var work = System.IO.Directory.CreateTempSubdirectory("helpline-import-");
        try
        {
            using var archive = ZipFile.OpenRead(zip);
            foreach (var entry in archive.Entries.Take(MaxZipEntries))
            {
                // Only the entry's own name is used: "../../x" in a zip never leaves the work folder.
                var name = Path.GetFileName(entry.FullName);
                if (name.Length == 0 || name.StartsWith("._", StringComparison.Ordinal) || entry.FullName.Contains("__MACOSX", StringComparison.Ordinal)) continue;
                if (entry.Length > MaxFileBytes)
                {
                    results.Add(new(entry.FullName, null, ImportOutcome.Rejected, $"larger than {MaxFileBytes / 1024 / 1024} MB: one prompt is seconds of speech"));
                    continue;
                }
                var file = Path.Combine(work.FullName, results.Count.ToString(CultureInfo.InvariantCulture) + "-" + SafeName(name));
                entry.ExtractToFile(file, overwrite: true);
                results.Add(ImportFile(locale, file, entry.FullName, options) with { File = entry.FullName });
            }
            if (archive.Entries.Count > MaxZipEntries)
                results.Add(new(zip, null, ImportOutcome.Skipped, $"only the first {MaxZipEntries} files of the zip were read"));
        }
        catch (InvalidDataException e)
        {
            results.Add(new(zip, null, ImportOutcome.Rejected, $"not a readable zip: {e.Message}"));
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
        return results;
    }

    /// <summary>One file, its key taken from its name (<see cref="KeyFor"/>).</summary>
    public ImportedFile ImportFile(Locale locale, string file, string shownName, ImportOptions options)
    {
        if (!AudioExtensions.Contains(Path.GetExtension(file)))
            return new(shownName, null, ImportOutcome.Skipped, $"not an audio file ({string.Join(", ", AudioExtensions.Order())})");
        var key = KeyFor(Path.GetFileName(shownName), VoicePrompts.For(content));
        if (key is null)
            return new(shownName, null, ImportOutcome.Rejected,
                $"unknown key '{Path.GetFileNameWithoutExtension(shownName)}': name each file after its key in the recording script (e.g. main.prompt.m4a)");
        return Import(locale, key, file, shownName, options);
    }

    /// <summary>One recording for a known key: checked, converted, and saved unless a better one is already there.</summary>
    public ImportedFile Import(Locale locale, string key, string file, string shownName, ImportOptions options)
    {
        if (!VoicePrompts.For(content, locale).Contains(key) || !PromptAudio.IsSafeFileName(key + PromptAudio.StandInSuffix))
            return new(shownName, null, ImportOutcome.Rejected, $"unknown key '{key}': no call in {locale.Culture} says it");
        if (new FileInfo(file).Length > MaxFileBytes)
            return new(shownName, key, ImportOutcome.Rejected, $"larger than {MaxFileBytes / 1024 / 1024} MB: one prompt is seconds of speech");

        var work = System.IO.Directory.CreateTempSubdirectory("helpline-recording-");
        try
        {
            var decoded = Path.Combine(work.FullName, "decoded.wav");
            var trimmed = Path.Combine(work.FullName, "trimmed.wav");
            var phone = Path.Combine(work.FullName, "phone.wav");
            try { programs.Decode(file, decoded, sampleRate: 0); }
            catch (AudioProgramException e) { return new(shownName, key, ImportOutcome.Rejected, $"cannot read it as audio ({e.Message})"); }

            var text = SpokenLength(locale, key);
            var source = PcmAudio.Read(decoded).Measure();
            if (Problem(source, text) is { } problem) return new(shownName, key, ImportOutcome.Rejected, problem, source);

            // Trim below a threshold just above this recording's own noise: a phone in a quiet room and
            // one in a shelter's corridor both lose their lead-in, not their first syllable.
            var threshold = Math.Min(Math.Max(source.NoiseDb + 8, -60), source.SpeechDb - 20);
            var dB = threshold.ToString("0.0", CultureInfo.InvariantCulture) + "d";
            programs.Sox([decoded, trimmed, "silence", "1", "0.05", dB, "reverse", "silence", "1", "0.05", dB, "reverse", "pad", "0.15", "0.25"]);
            programs.Decode(trimmed, phone, PhoneSampleRate, PhoneFilters);
            var result = PcmAudio.Read(phone).Measure();

            var longest = LongestSeconds(text);
            if (result.Seconds > longest)
                return new(shownName, key, ImportOutcome.Rejected,
                    $"too long for its text: {result.Seconds:0.0} s after trimming silence, at most {longest:0} s for {text} characters; record only this prompt, without pauses", result);
            var shortest = ShortestSeconds(text);
            if (result.Seconds < shortest)
                return new(shownName, key, ImportOutcome.Rejected,
                    $"too short for its text: {result.Seconds:0.0} s, at least {shortest:0.0} s for {text} characters; was all of it read?", result);

            return Save(locale, key, phone, shownName, result, options);
        }
        catch (AudioProgramException e)
        {
            return new(shownName, key, ImportOutcome.Rejected, $"conversion failed: {e.Message}");
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Why a decoded recording cannot be used, before any conversion; null when it can.</summary>
    /// <param name="characters">The length of its text: a one-word prompt ("Pou", "د" of "for X, press N") is a short sound, not silence.</param>
    public static string? Problem(AudioMeasurement m, int characters = int.MaxValue)
    {
        if (m.PeakDb < -50) return $"silent: the loudest sound is {m.PeakDb:0} dBFS; check the microphone and record again";
        if (m.ClippedRuns >= 5) return $"clipped: the sound hits the maximum in {m.ClippedRuns} places and is distorted; record again a little further from the phone or more softly";
        if (m.VoicedSeconds < LeastVoicedSeconds(characters)) return $"silent: no speech above the background noise ({m.VoicedSeconds:0.0} s); record again closer to the phone";
        return null;
    }

    /// <summary>Speech a recording must hold not to count as silent: 0.3 s, less for a word of a few letters (0.13 s for one).</summary>
    public static double LeastVoicedSeconds(int characters) => Math.Min(0.3, 0.1 + 0.03 * Math.Max(characters, 1));

    /// <summary>Generous on purpose: a slow, clear reading of a long text must pass; two prompts in one file must not.</summary>
    public static double LongestSeconds(int characters) => 4 + characters / 6.0;

    /// <summary>Faster than anyone reads: catches a recording that stopped early, or a single word.</summary>
    public static double ShortestSeconds(int characters) => characters / 35.0;

    private int SpokenLength(Locale locale, string key)
    {
        var text = VoicePrompts.Text(content.Locales, locale.Culture, key)?.Value ?? "";
        return Placeholder().Replace(text, "").Trim().Length;
    }

    private ImportedFile Save(Locale locale, string key, string phone, string shownName, AudioMeasurement result, ImportOptions options)
    {
        var folder = Path.Combine(content.AudioFolder, locale.Culture);
        var audio = new PromptAudio(content);
        lock (Writing)
        {
            System.IO.Directory.CreateDirectory(folder);
            var manifest = RecordingManifest.Read(folder);
            var existing = audio.RecordingFile(locale.Culture, key);
            if (existing is not null && !options.Force && !audio.IsStale(locale, key) && Quality(existing, manifest.Of(key)) is { } old
                && Score(result) < old.Score - 3)
            {
                return new(shownName, key, ImportOutcome.Kept,
                    $"the recording already there is better (voice {old.Snr:0} dB above noise{(old.Clipped ? "" : ", not clipped")}; this one {result.SignalToNoiseDb:0} dB); --force replaces it", result);
            }

            var target = Path.Combine(folder, key + ".wav");
            File.Move(phone, target, overwrite: true);
            // An MP3 would be found before the WAV and shadow the new recording.
            File.Delete(Path.Combine(folder, key + ".mp3"));
            RemoveStandIn(folder, key);
            var (textHash, englishHash) = RecordingManifest.CurrentHashes(content.Locales, locale, key);
            manifest.Set(key, new RecordingEntry
            {
                RecordedBy = options.RecordedBy,
                RecordedAt = time.GetUtcNow(),
                TextHash = textHash,
                EnglishHash = englishHash,
                Seconds = Math.Round(result.Seconds, 2),
                SignalToNoiseDb = Math.Round(result.SignalToNoiseDb, 1),
                Source = options.Source,
                OriginalFile = Path.GetFileName(shownName),
            });
            manifest.Write(folder);
            return new(shownName, key, existing is null ? ImportOutcome.Saved : ImportOutcome.Replaced,
                $"{result.Seconds:0.0} s, voice {result.SignalToNoiseDb:0} dB above noise", result);
        }
    }

    private static double Score(AudioMeasurement m) => m.SignalToNoiseDb - (m.ClippedRuns > 0 ? 10 : 0);

    private (double Score, double Snr, bool Clipped)? Quality(string existing, RecordingEntry? entry)
    {
        try
        {
            var measured = existing.EndsWith(".wav", StringComparison.Ordinal) ? TryMeasure(existing) : null;
            if (measured is not null) return (Score(measured), measured.SignalToNoiseDb, measured.ClippedRuns > 0);
        }
        catch (AudioProgramException) { }
        return entry is null ? null : (entry.SignalToNoiseDb, entry.SignalToNoiseDb, false);
    }

    private static AudioMeasurement? TryMeasure(string wav)
    {
        try { return PcmAudio.Read(wav).Measure(); }
        catch (AudioProgramException) { return null; }
    }

    private static void RemoveStandIn(string folder, string key)
    {
        // The recording replaces the stand-in; the renderer brings it back if the recording goes stale.
        var standIn = Path.Combine(folder, key + PromptAudio.StandInSuffix);
        if (!File.Exists(standIn)) return;
        File.Delete(standIn);
        var manifest = StandInManifest.Read(folder);
        if (manifest.Remove(key)) manifest.Write(folder);
    }

    /// <summary>
    /// The key a file name means: "main.prompt.m4a" is main.prompt; a number in front for call order
    /// ("012 main.prompt.ogg", "012_main.prompt.ogg") is allowed; case does not matter; "about.2" finds
    /// "about.2.voice" when only the spoken variant is played. Null when it names no prompt.
    /// </summary>
    public static string? KeyFor(string fileName, IReadOnlyList<string> keys)
    {
        var name = Path.GetFileNameWithoutExtension(fileName).Trim();
        name = OrderPrefix().Replace(name, "");
        foreach (var candidate in new[] { name, name + Engine.ConversationEngine.VoiceSuffix })
        {
            var exact = keys.FirstOrDefault(k => k == candidate);
            if (exact is not null) return exact;
            var folded = keys.Where(k => k.Equals(candidate, StringComparison.OrdinalIgnoreCase)).ToList();
            if (folded.Count == 1) return folded[0];
        }
        return null;
    }

    private static string SafeName(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);

    [GeneratedRegex(@"^\d{1,4}[ _-]+")]
    private static partial Regex OrderPrefix();

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
