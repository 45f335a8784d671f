using System.Globalization;
using Helpline.Core.Text;
using Microsoft.Extensions.Localization;

namespace Helpline.Core.Localization;

/// <summary>
/// Every locale file, with English as the fallback for any key a locale lacks: a caller
/// should hear the English sentence rather than nothing, and the validator lists each fallback.
/// </summary>
public sealed class LocaleCatalog
{
    public const string FallbackCulture = "en";

    private readonly Dictionary<string, Locale> _byCulture;
    private readonly Dictionary<Locale, LocaleStringLocalizer> _localizers = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Locale> _bySelectWord;
    // Word keys (InputNormalizer.WordKey) worked out once per content load, not on every message:
    // by culture and keyword (the locale's words plus English's), and by keyword across every locale.
    private readonly Dictionary<(string Culture, string Keyword), string[]> _wordKeys = [];
    private readonly Dictionary<string, HashSet<string>> _anyLocaleWordKeys = new(StringComparer.Ordinal);

    public LocaleCatalog(IEnumerable<Locale> locales)
    {
        Locales = [.. locales];
        _byCulture = Locales.ToDictionary(l => l.Culture, StringComparer.OrdinalIgnoreCase);
        if (!_byCulture.ContainsKey(FallbackCulture))
            throw new ContentException($"locales: the fallback locale '{FallbackCulture}' is missing");
        foreach (var locale in Locales) _localizers[locale] = new LocaleStringLocalizer(this, locale);
        _bySelectWord = new(StringComparer.Ordinal);
        foreach (var locale in Locales)
        {
            foreach (var word in locale.SelectWords.Append(locale.Name).Append(locale.EnglishName))
                _bySelectWord.TryAdd(InputNormalizer.WordKey(word), locale);
        }
        foreach (var locale in Locales)
        {
            foreach (var keyword in locale.Keywords.Keys.Concat(English.Keywords.Keys).Distinct())
            {
                _wordKeys[(locale.Culture, keyword)] = [.. Words(locale.Culture, keyword).Select(InputNormalizer.WordKey).Distinct()];
                if (!_anyLocaleWordKeys.TryGetValue(keyword, out var any)) _anyLocaleWordKeys[keyword] = any = new(StringComparer.Ordinal);
                foreach (var word in locale.Keywords.GetValueOrDefault(keyword) ?? []) any.Add(InputNormalizer.WordKey(word));
            }
        }
    }

    public IReadOnlyList<Locale> Locales { get; }
    public Locale English => _byCulture[FallbackCulture];

    public bool Has(string culture) => _byCulture.ContainsKey(culture);

    /// <summary>The locale for a culture, trying its parents ("es-MX" -> "es"), else English.</summary>
    public Locale Get(string? culture)
    {
        for (var name = culture; !string.IsNullOrEmpty(name); name = Parent(name))
        {
            if (_byCulture.TryGetValue(name, out var locale)) return locale;
        }
        return English;
    }

    /// <summary>The language a word key (<see cref="InputNormalizer.WordKey"/>) names.</summary>
    public Locale? ByWordKey(string wordKey) => _bySelectWord.GetValueOrDefault(wordKey);

    /// <summary>The word keys of a keyword name in this culture plus English, as <see cref="Words"/> lists them.</summary>
    public IReadOnlyList<string> WordKeys(string culture, string keyword) =>
        _wordKeys.TryGetValue((Get(culture).Culture, keyword), out var keys) ? keys : [];

    /// <summary>Whether a word key is one of a keyword's words in any locale ("delete" must work in every language).</summary>
    public bool IsAnyLocaleWord(string wordKey, string keyword) =>
        _anyLocaleWordKeys.TryGetValue(keyword, out var keys) && keys.Contains(wordKey);

    /// <summary>The text for a key: the locale's own, else English, else null.</summary>
    public LocalizedText? Find(string culture, string key)
    {
        var locale = Get(culture);
        if (locale.Texts.TryGetValue(key, out var text)) return new(text, locale.Culture, false);
        return English.Texts.TryGetValue(key, out var english) ? new(english, FallbackCulture, !ReferenceEquals(locale, English)) : null;
    }

    /// <summary>The culture's texts through Microsoft.Extensions.Localization (its parents', else English's, locale).</summary>
    public IStringLocalizer Localizer(string? culture) => _localizers[Get(culture)];

    /// <summary>The text for a key, formatted; a missing key shows its name so a gap is visible, never a crash.</summary>
    public string Text(string culture, string key, params object[] args) => Localizer(culture)[key, args].Value;

    /// <summary>Words for a keyword name in this culture plus English, so "menu" works everywhere.</summary>
    public IEnumerable<string> Words(string culture, string keyword)
    {
        var locale = Get(culture);
        var own = locale.Keywords.GetValueOrDefault(keyword) ?? [];
        var english = ReferenceEquals(locale, English) ? [] : English.Keywords.GetValueOrDefault(keyword) ?? [];
        return own.Concat(english);
    }

    private static string? Parent(string culture)
    {
        var dash = culture.LastIndexOf('-');
        return dash > 0 ? culture[..dash] : null;
    }
}

public sealed record LocalizedText(string Value, string Culture, bool IsFallback);
