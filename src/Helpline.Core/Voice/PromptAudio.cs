using Helpline.Core.Localization;

namespace Helpline.Core.Voice;

public enum AudioSource { Recording, Tts, StandIn, Missing }

/// <summary>How one prompt is heard on a call, and the file to play when it is a file.</summary>
public sealed record PromptSound(AudioSource Source, string? File);

/// <summary>
/// Resolves a prompt the way DESIGN.md orders it: a person's recording, else Twilio's voice for the
/// locale, else an espeak-ng stand-in. A language Twilio cannot speak never falls back to English TTS.
/// </summary>
/// <remarks>
/// The folder is listed once, when this is made (once per content load in the web host, which reloads
/// when a file under locales/ changes), so resolving a prompt on a call touches no disk.
/// </remarks>
public sealed class PromptAudio(string audioFolder)
{
    public const string StandInSuffix = ".standin.wav";
    private static readonly string[] RecordingExtensions = [".mp3", ".wav"];

    // culture folder -> the file names in it
    private readonly Dictionary<string, HashSet<string>> _files = List(audioFolder);

    public string AudioFolder => audioFolder;

    public PromptSound Resolve(Locale locale, string? key)
    {
        // A key that cannot be a file name never names one: audio is only ever <key>.mp3, <key>.wav
        // or <key>.standin.wav inside the culture's folder.
        if (key is not null && !(IsSafeFileName(key + StandInSuffix) && IsSafeFileName(locale.Culture))) key = null;
        if (key is not null)
        {
            foreach (var extension in RecordingExtensions)
            {
                if (Has(locale.Culture, key + extension)) return new(AudioSource.Recording, Path.Combine(audioFolder, locale.Culture, key + extension));
            }
        }
        if (locale.Voice.SayLanguage is not null) return new(AudioSource.Tts, null);
        if (key is not null)
        {
            if (Has(locale.Culture, key + StandInSuffix)) return new(AudioSource.StandIn, Path.Combine(audioFolder, locale.Culture, key + StandInSuffix));
        }
        return new(AudioSource.Missing, null);
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

    /// <summary>The file name a prompt's audio is served under, relative to the culture's folder.</summary>
    public static bool IsSafeFileName(string name) =>
        name.Length > 0 && name.Length < 200 && !name.Contains("..") && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
