using Helpline.Core.Content;
using Helpline.Core.Localization;

namespace Helpline.Core.Voice;

public enum AudioSource { Recording, Tts, StandIn, Missing }

/// <summary>How one prompt is heard on a call, and the file to play when it is a file.</summary>
/// <param name="Stale">A person's recording exists but says an older text (played or passed over, per <see cref="StaleRecordings"/>).</param>
public sealed record PromptSound(AudioSource Source, string? File, bool Stale = false);

/// <summary>
/// Resolves a prompt the way DESIGN.md orders it: a person's recording, else Twilio's voice for the
/// locale, else an espeak-ng stand-in. A language Twilio cannot speak never falls back to English TTS.
/// A recording whose text changed since it was recorded (by the hashes in recordings.json) is passed
/// over while <see cref="StaleRecordings.FallBack"/> is set: the caller hears the current words.
/// </summary>
/// <remarks>
/// The folder is listed once, when this is made (once per content load in the web host, which reloads
/// when a file under locales/ changes), so resolving a prompt on a call touches no disk.
/// </remarks>
public sealed class PromptAudio(string audioFolder, LocaleCatalog? catalog = null, StaleRecordings staleRecordings = StaleRecordings.Play)
{
    public const string StandInSuffix = ".standin.wav";
    private static readonly string[] RecordingExtensions = [".mp3", ".wav"];

    private readonly RecordingManifests _manifests = new(audioFolder);
    // culture folder -> the file names in it
    private readonly Dictionary<string, HashSet<string>> _files = List(audioFolder);

    /// <summary>Resolves with the content's audio folder, texts (for staleness) and stale-recording setting.</summary>
    public PromptAudio(ContentBundle content) : this(content.AudioFolder, content.Locales, content.Audio.StaleRecordings) { }

    public string AudioFolder => audioFolder;

    public PromptSound Resolve(Locale locale, string? key)
    {
        // A key that cannot be a file name never names one: audio is only ever <key>.mp3, <key>.wav
        // or <key>.standin.wav inside the culture's folder.
        if (key is not null && !(IsSafeFileName(key + StandInSuffix) && IsSafeFileName(locale.Culture))) key = null;
        var stale = false;
        if (key is not null && RecordingFile(locale.Culture, key) is { } recording)
        {
            stale = IsStale(locale, key);
            if (!stale || staleRecordings == StaleRecordings.Play) return new(AudioSource.Recording, recording, stale);
        }
        if (locale.Voice.SayLanguage is not null) return new(AudioSource.Tts, null, stale);
        if (key is not null)
        {
            if (Has(locale.Culture, key + StandInSuffix)) return new(AudioSource.StandIn, Path.Combine(audioFolder, locale.Culture, key + StandInSuffix), stale);
        }
        return new(AudioSource.Missing, null, stale);
    }

    /// <summary>The person's recording for a key, whatever its age; null when there is none.</summary>
    public string? RecordingFile(string culture, string key)
    {
        foreach (var extension in RecordingExtensions)
        {
            if (Has(culture, key + extension)) return Path.Combine(audioFolder, culture, key + extension);
        }
        return null;
    }

    private bool Has(string culture, string fileName) => _files.TryGetValue(culture, out var names) && names.Contains(fileName);

    private static Dictionary<string, HashSet<string>> List(string folder)
    {
        var files = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(folder)) return files;
        foreach (var cultureFolder in System.IO.Directory.EnumerateDirectories(folder))
            files[Path.GetFileName(cultureFolder)] = new(System.IO.Directory.EnumerateFiles(cultureFolder).Select(Path.GetFileName)!, StringComparer.Ordinal);
        return files;
    }

    /// <summary>Stale: the manifest's hashes differ from the current texts. Without a manifest entry (a file put there by hand) its age is unknown, and it plays.</summary>
    public bool IsStale(Locale locale, string key) =>
        catalog is not null && _manifests.For(locale.Culture).Of(key) is { } entry && RecordingManifest.IsStale(entry, catalog, locale, key);

    /// <summary>The file name a prompt's audio is served under, relative to the culture's folder.</summary>
    public static bool IsSafeFileName(string name) =>
        name.Length > 0 && name.Length < 200 && !name.Contains("..") && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
