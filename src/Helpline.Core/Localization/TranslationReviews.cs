using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Helpline.Core.Localization;

/// <summary>
/// Per-text review records of every translation, kept beside the texts in locales/review/&lt;culture&gt;.yaml
/// (outside the locale files, so a translator's edit and a reviewer's approval never touch the same lines).
/// Each record names the English version it translates; when the English changes, the translation is stale
/// until it is re-translated or re-approved.
/// </summary>
public sealed class TranslationReviews
{
    public const string Folder = "locales/review";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    private readonly Dictionary<string, IReadOnlyDictionary<string, TranslationRecord>> _byCulture;

    public TranslationReviews(IReadOnlyDictionary<string, IReadOnlyDictionary<string, TranslationRecord>> byCulture) =>
        _byCulture = new(byCulture, StringComparer.OrdinalIgnoreCase);

    public static TranslationReviews Empty { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, TranslationRecord>>());

    /// <summary>The records of one culture by text key (empty when it has no review file).</summary>
    public IReadOnlyDictionary<string, TranslationRecord> For(string culture) =>
        _byCulture.GetValueOrDefault(culture) ?? new Dictionary<string, TranslationRecord>();

    public IEnumerable<string> Cultures => _byCulture.Keys;

    public static string FileOf(string root, string culture) => Path.Combine(root, Folder, culture + ".yaml");

    /// <summary>Every review file under the content root; a missing folder means nothing is tracked yet.</summary>
    public static TranslationReviews Load(string root)
    {
        var folder = Path.Combine(root, Folder);
        if (!System.IO.Directory.Exists(folder)) return Empty;
        var byCulture = new Dictionary<string, IReadOnlyDictionary<string, TranslationRecord>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var parsed = Parse(file);
            var culture = string.IsNullOrWhiteSpace(parsed.Culture) ? Path.GetFileNameWithoutExtension(file) : parsed.Culture;
            byCulture[culture] = parsed.Texts.ToDictionary(
                t => t.Key,
                t => new TranslationRecord(t.Value.Source ?? "", t.Value.Status ?? "", t.Value.ReviewedBy, t.Value.Date),
                StringComparer.Ordinal);
        }
        return new(byCulture);
    }

    /// <summary>The state of one key in one language, measured against the English it would translate today.</summary>
    public TranslationStatus StatusOf(LocaleCatalog locales, string culture, string key)
    {
        var locale = locales.Get(culture);
        if (ReferenceEquals(locale, locales.English)) return new(locale.Culture, key, TranslationState.Source, null);
        var record = For(locale.Culture).GetValueOrDefault(key);
        // A record left behind for a text the file no longer has must not make the English fallback look reviewed.
        if (!locale.Texts.ContainsKey(key) && locales.English.Texts.ContainsKey(key)) return new(locale.Culture, key, TranslationState.Missing, record);
        if (record is null || !locales.English.Texts.TryGetValue(key, out var english))
            return new(locale.Culture, key, TranslationState.Untracked, record);
        if (record.Source != TranslationStatus.SourceHash(english)) return new(locale.Culture, key, TranslationState.Stale, record);
        return new(locale.Culture, key, record.Status == TranslationRecord.Reviewed ? TranslationState.Reviewed : TranslationState.MachineDraft, record);
    }

    /// <summary>Every text a language has of its own (not the English it falls back to), in key order.</summary>
    public IReadOnlyList<TranslationStatus> StatusesOf(LocaleCatalog locales, string culture)
    {
        var locale = locales.Get(culture);
        return [.. locale.Texts.Keys.Order(StringComparer.Ordinal).Select(k => StatusOf(locales, locale.Culture, k))];
    }

    // --- editing the review files ---------------------------------------------------------------------

    /// <summary>
    /// Records the chosen texts of a language as machine drafts of the current English. With no keys, only
    /// texts without a current record (untracked or stale) are marked: a reviewed, current text is never
    /// downgraded unless it is named. Returns the keys marked.
    /// </summary>
    public static IReadOnlyList<string> MarkMachineDraft(string root, LocaleCatalog locales, string culture, IReadOnlyCollection<string>? keys, DateOnly date)
    {
        var current = Load(root);
        var chosen = keys is { Count: > 0 }
            ? Known(locales, culture, keys)
            : [.. current.StatusesOf(locales, culture).Where(s => s.State is TranslationState.Stale or TranslationState.Untracked).Select(s => s.Key)];
        return Update(root, locales, culture, current, chosen, _ => (TranslationRecord.MachineDraft, null), date);
    }

    /// <summary>Records that a native speaker reviewed these texts of a language against the current English.</summary>
    public static IReadOnlyList<string> Approve(string root, LocaleCatalog locales, string culture, IReadOnlyCollection<string> keys, string reviewedBy, DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(reviewedBy)) throw new ArgumentException("a review needs the reviewer's name", nameof(reviewedBy));
        return Update(root, locales, culture, Load(root), Known(locales, culture, keys), _ => (TranslationRecord.Reviewed, reviewedBy.Trim()), date);
    }

    private static List<string> Known(LocaleCatalog locales, string culture, IEnumerable<string> keys)
    {
        var locale = Translated(locales, culture);
        var unknown = keys.Where(k => !locale.Texts.ContainsKey(k) || !locales.English.Texts.ContainsKey(k)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"{locale.File} has no translation of: {string.Join(", ", unknown)}");
        return [.. keys.Distinct(StringComparer.Ordinal)];
    }

    private static Locale Translated(LocaleCatalog locales, string culture)
    {
        if (!locales.Has(culture)) throw new ArgumentException($"no locale file for culture '{culture}'");
        var locale = locales.Get(culture);
        if (ReferenceEquals(locale, locales.English)) throw new ArgumentException("English is the source: it has nothing to review");
        return locale;
    }

    private static IReadOnlyList<string> Update(string root, LocaleCatalog locales, string culture, TranslationReviews current,
        IReadOnlyList<string> keys, Func<string, (string Status, string? By)> review, DateOnly date)
    {
        var locale = Translated(locales, culture);
        var records = new Dictionary<string, TranslationRecord>(current.For(locale.Culture), StringComparer.Ordinal);
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var key in keys)
        {
            var (status, by) = review(key);
            records[key] = new TranslationRecord(TranslationStatus.SourceHash(locales.English.Texts[key]), status, by, day);
        }
        if (keys.Count > 0) Write(FileOf(root, locale.Culture), locale, records);
        return keys;
    }

    /// <summary>One line per text, sorted, so a review shows in a diff as exactly the lines it changed.</summary>
    private static void Write(string file, Locale locale, IReadOnlyDictionary<string, TranslationRecord> records)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Review status of each text in {locale.File} ({locale.EnglishName}), one line per text key.\n");
        text.Append("# source: the English text it translates (first 12 hex digits of its SHA-256); when the English changes the\n");
        text.Append("# translation is stale. status: machine-draft or reviewed (by a native speaker: reviewed_by, date).\n");
        text.Append("# Written by `helpline translations mark|approve`; see README \"Translation status\".\n");
        text.Append(CultureInfo.InvariantCulture, $"culture: {locale.Culture}\n");
        text.Append("texts:\n");
        foreach (var (key, r) in records.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var by = r.ReviewedBy is null ? "null" : Quoted(r.ReviewedBy);
            text.Append(CultureInfo.InvariantCulture, $"  {key}: {{ source: \"{r.Source}\", status: {r.Status}, reviewed_by: {by}, date: {r.Date ?? "null"} }}\n");
        }
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static ReviewFile Parse(string file)
    {
        try
        {
            using var reader = new StreamReader(file);
            return Yaml.Deserialize<ReviewFile>(reader) ?? new ReviewFile();
        }
        catch (YamlException e)
        {
            throw new ContentException($"{file}:{e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    private sealed class ReviewFile
    {
        public string? Culture { get; set; }
        public Dictionary<string, ReviewLine> Texts { get; set; } = [];
    }

    private sealed class ReviewLine
    {
        public string? Source { get; set; }
        public string? Status { get; set; }
        public string? ReviewedBy { get; set; }
        public string? Date { get; set; }
    }
}
