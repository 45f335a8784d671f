using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Helpline.Core.Localization;

namespace Helpline.Core.Voice;

/// <summary>One person's recording of one prompt: who, when, and exactly which texts it says.</summary>
public sealed record RecordingEntry
{
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
    /// <summary>SHA-256 of the locale's text when it was recorded (<see cref="RecordingManifest.Hash"/>).</summary>
    public string TextHash { get; init; } = "";
    /// <summary>SHA-256 of the English text it translates, then: a changed English text means the translation, and so the recording, may be out of date.</summary>
    public string EnglishHash { get; init; } = "";
    public double Seconds { get; init; }
    /// <summary>Voice over noise, dB: an import only replaces a recording with one at least as clean.</summary>
    public double SignalToNoiseDb { get; init; }
    /// <summary>"import" or "browser", and the file name the volunteer sent.</summary>
    public string Source { get; init; } = "";
    public string OriginalFile { get; init; } = "";
}

/// <summary>
/// &lt;audio folder&gt;/&lt;culture&gt;/recordings.json: the record of every person's recording in a language.
/// A sound file cannot say which words it speaks; the text hashes tell the validator, the report and
/// the call when the text has moved on since (a stale recording).
/// </summary>
public sealed class RecordingManifest
{
    public const string FileName = "recordings.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly SortedDictionary<string, RecordingEntry> _entries;

    private RecordingManifest(SortedDictionary<string, RecordingEntry> entries) => _entries = entries;

    public IReadOnlyDictionary<string, RecordingEntry> Entries => _entries;

    public RecordingEntry? Of(string key) => _entries.GetValueOrDefault(key);

    public void Set(string key, RecordingEntry entry) => _entries[key] = entry;

    public bool Remove(string key) => _entries.Remove(key);

    public static RecordingManifest Read(string cultureFolder)
    {
        var entries = new SortedDictionary<string, RecordingEntry>(StringComparer.Ordinal);
        var path = Path.Combine(cultureFolder, FileName);
        if (!File.Exists(path)) return new(entries);
        try
        {
            foreach (var (key, entry) in JsonSerializer.Deserialize<Dictionary<string, RecordingEntry>>(File.ReadAllText(path), Json) ?? [])
                entries[key] = entry;
        }
        catch (JsonException)
        {
            // Unreadable: every recording counts as of unknown age, which the validator reports; nothing is deleted.
        }
        return new(entries);
    }

    /// <summary>Sorted by key, so a new recording shows in a diff as one entry.</summary>
    public void Write(string cultureFolder)
    {
        System.IO.Directory.CreateDirectory(cultureFolder);
        var path = Path.Combine(cultureFolder, FileName);
        var partial = path + ".partial";
        File.WriteAllText(partial, JsonSerializer.Serialize(_entries, Json) + "\n");
        File.Move(partial, path, overwrite: true);
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The hashes a recording made now would carry: of the locale's text (English where it falls back) and of the English.</summary>
    public static (string Text, string English) CurrentHashes(LocaleCatalog catalog, Locale locale, string key)
    {
        var english = VoicePrompts.Text(catalog, LocaleCatalog.FallbackCulture, key)?.Value ?? "";
        var text = VoicePrompts.Text(catalog, locale.Culture, key)?.Value ?? english;
        return (Hash(text), Hash(english));
    }

    /// <summary>Whether a recording no longer says the current text: its translation or the English changed since.</summary>
    public static bool IsStale(RecordingEntry entry, LocaleCatalog catalog, Locale locale, string key)
    {
        var (text, english) = CurrentHashes(catalog, locale, key);
        return entry.TextHash != text || entry.EnglishHash != english;
    }
}

/// <summary>
/// The manifests of an audio folder, read once and again only when a file changes, so a call turn
/// does not parse JSON for every prompt.
/// </summary>
public sealed class RecordingManifests(string audioFolder)
{
    private readonly ConcurrentDictionary<string, (DateTime Written, RecordingManifest Manifest)> _cache = new(StringComparer.Ordinal);

    public RecordingManifest For(string culture)
    {
        var folder = Path.Combine(audioFolder, culture);
        var written = File.GetLastWriteTimeUtc(Path.Combine(folder, RecordingManifest.FileName));
        if (_cache.TryGetValue(culture, out var cached) && cached.Written == written) return cached.Manifest;
        var manifest = RecordingManifest.Read(folder);
        _cache[culture] = (written, manifest);
        return manifest;
    }
}
