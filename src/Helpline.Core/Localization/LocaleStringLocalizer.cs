using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Helpline.Core.Localization;

/// <summary>An <see cref="IStringLocalizer"/> over one culture's locale file, falling back per key to English.</summary>
public sealed class LocaleStringLocalizer(LocaleCatalog catalog, string culture) : IStringLocalizer
{
    public string Culture => culture;

    public LocalizedString this[string name]
    {
        get
        {
            var found = catalog.Find(culture, name);
            return found is null
                ? new LocalizedString(name, name, resourceNotFound: true, searchedLocation: culture)
                : new LocalizedString(name, found.Value, resourceNotFound: false, searchedLocation: found.Culture);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var raw = this[name];
            if (raw.ResourceNotFound) return raw;
            return new LocalizedString(name, string.Format(CultureInfo.InvariantCulture, raw.Value, arguments), false, raw.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var own = catalog.Get(culture);
        foreach (var (key, value) in own.Texts) yield return new LocalizedString(key, value, false, own.Culture);
        if (!includeParentCultures || ReferenceEquals(own, catalog.English)) yield break;
        foreach (var (key, value) in catalog.English.Texts.Where(t => !own.Texts.ContainsKey(t.Key)))
            yield return new LocalizedString(key, value, false, LocaleCatalog.FallbackCulture);
    }
}

/// <summary>
/// Serves locales/ through Microsoft.Extensions.Localization. Texts are shared by every part of the
/// helpline, so the resource source and location are ignored: only the culture matters.
/// </summary>
public sealed class LocaleStringLocalizerFactory(Func<LocaleCatalog> catalog) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => For(CultureInfo.CurrentUICulture.Name);

    public IStringLocalizer Create(string baseName, string location) => For(CultureInfo.CurrentUICulture.Name);

    public IStringLocalizer For(string culture)
    {
        var current = catalog();
        return new LocaleStringLocalizer(current, current.Get(culture).Culture);
    }
}
