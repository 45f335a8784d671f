using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Helpline.Core.Localization;

/// <summary>
/// One culture's texts through Microsoft.Extensions.Localization, falling back per key to English: every
/// text the helpline says or writes is found and formatted here (<see cref="LocaleCatalog.Localizer"/>,
/// one per locale and content load). A missing key is shown as "[key]" so a gap is visible, never a crash.
/// </summary>
public sealed class LocaleStringLocalizer(LocaleCatalog catalog, Locale locale) : IStringLocalizer
{
    public string Culture => locale.Culture;

    public LocalizedString this[string name]
    {
        get
        {
            if (locale.Texts.TryGetValue(name, out var own)) return new LocalizedString(name, own, resourceNotFound: false, searchedLocation: locale.Culture);
            return catalog.English.Texts.TryGetValue(name, out var english)
                ? new LocalizedString(name, english, resourceNotFound: false, searchedLocation: LocaleCatalog.FallbackCulture)
                : new LocalizedString(name, $"[{name}]", resourceNotFound: true, searchedLocation: locale.Culture);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var raw = this[name];
            if (raw.ResourceNotFound || arguments.Length == 0) return raw;
            // A translation with a broken placeholder is said as written rather than failing the turn.
            try { return new LocalizedString(name, string.Format(CultureInfo.InvariantCulture, raw.Value, arguments), false, raw.SearchedLocation); }
            catch (FormatException) { return raw; }
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        foreach (var (key, value) in locale.Texts) yield return new LocalizedString(key, value, false, locale.Culture);
        if (!includeParentCultures || ReferenceEquals(locale, catalog.English)) yield break;
        foreach (var (key, value) in catalog.English.Texts.Where(t => !locale.Texts.ContainsKey(t.Key)))
            yield return new LocalizedString(key, value, false, LocaleCatalog.FallbackCulture);
    }
}
