using Helpline.Core.Content;

namespace Helpline.Core.Localization;

/// <summary>
/// Which translations reach callers. By default every translation is served, machine drafts included: a
/// draft in the caller's language helps more than English they may not read. A deployment that must say
/// only what a native speaker approved turns drafts off, and each unreviewed text falls back to English.
/// </summary>
public static class TranslationServing
{
    /// <summary>The content as served: unchanged when drafts are served, else only reviewed, current translations.</summary>
    public static ContentBundle Apply(ContentBundle content, bool serveMachineDrafts)
    {
        if (serveMachineDrafts) return content;
        var locales = content.Locales.Locales.Select(locale =>
        {
            if (ReferenceEquals(locale, content.Locales.English)) return locale;
            var reviewed = locale.Texts
                .Where(t => content.Translations.StatusOf(content.Locales, locale.Culture, t.Key).IsReviewed)
                .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            return new Locale
            {
                Culture = locale.Culture,
                Name = locale.Name,
                EnglishName = locale.EnglishName,
                Direction = locale.Direction,
                Voice = locale.Voice,
                Review = locale.Review,
                SelectWords = locale.SelectWords,
                Keywords = locale.Keywords,
                Texts = reviewed,
                File = locale.File,
            };
        });
        return new ContentBundle(content.Root, content.Flows, new LocaleCatalog(locales), content.Directory, content.Facts)
        {
            Translations = content.Translations,
        };
    }
}
