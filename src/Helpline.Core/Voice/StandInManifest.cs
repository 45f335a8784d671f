using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Helpline.Core.Localization;

namespace Helpline.Core.Voice;

/// <summary>
/// locales/audio/&lt;culture&gt;/standins.json: for each rendered stand-in, a hash of the text and voice it
/// was rendered from. A file on disk cannot say what it says; the hash tells the renderer and the
/// validator when the locale's text has moved on.
/// </summary>
public sealed partial class StandInManifest
{
    public const string FileName = "standins.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly SortedDictionary<string, string> _hashes;

    private StandInManifest(SortedDictionary<string, string> hashes) => _hashes = hashes;

    public IReadOnlyCollection<string> Keys => _hashes.Keys;

    public string? HashOf(string key) => _hashes.GetValueOrDefault(key);

    public void Set(string key, string hash) => _hashes[key] = hash;

    public bool Remove(string key) => _hashes.Remove(key);

    /// <summary>The manifest in a culture's audio folder; empty when there is none yet.</summary>
    public static StandInManifest Read(string cultureFolder)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(cultureFolder, FileName);
        if (!File.Exists(path)) return new(hashes);
        try
        {
            foreach (var (key, hash) in JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [])
                hashes[key] = hash;
        }
        catch (JsonException)
        {
            // An unreadable manifest only costs a re-render of every stand-in, which rewrites it.
        }
        return new(hashes);
    }

    /// <summary>Writes it sorted by key so a re-render shows in a diff as the keys that changed; no stand-ins, no file.</summary>
    public void Write(string cultureFolder)
    {
        var path = Path.Combine(cultureFolder, FileName);
        if (_hashes.Count == 0)
        {
            File.Delete(path);
            return;
        }
        var partial = path + ".partial";
        File.WriteAllText(partial, JsonSerializer.Serialize(_hashes, Json) + "\n");
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>SHA-256 of the voice and the exact text spoken: either changing means a new rendering.</summary>
    public static string Hash(string voice, string spokenText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(voice + "\n" + spokenText)));

    /// <summary>
    /// What a stand-in says for a key: the locale's own text with placeholders taken out (the name that
    /// fills them is only known on the call), spelled for the voice that reads it. Null when the locale
    /// has no text of its own, because English read by a Persian or Creole voice helps no one.
    /// </summary>
    public static string? SpokenText(LocaleCatalog catalog, Locale locale, string key)
    {
        var found = VoicePrompts.Text(catalog, locale.Culture, key);
        if (found is null || found.IsFallback) return null;
        var text = Whitespace().Replace(Placeholder().Replace(found.Value, " "), " ").Trim();
        return locale.Voice.EspeakVoice is { } voice ? StandInSpelling.For(locale.Culture, voice, text) : text;
    }

    /// <summary>The hash a stand-in for this key should carry now; null when no stand-in can be made.</summary>
    public static string? CurrentHash(LocaleCatalog catalog, Locale locale, string key) =>
        locale.Voice.EspeakVoice is { } voice && SpokenText(catalog, locale, key) is { Length: > 0 } text ? Hash(voice, StandInParts.Describe(StandInParts.Split(voice, text))) : null;

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
