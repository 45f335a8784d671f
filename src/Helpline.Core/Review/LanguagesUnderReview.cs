using Helpline.Core.Content;

namespace Helpline.Core.Review;

/// <summary>
/// The languages the language menu marks when Helpline:MarkLanguagesUnderReview is on: those in which a person
/// can get at least one text no native speaker has approved against the current English (a machine draft, a
/// stale or an untracked text), that is, whose reviewed share in the content report is under 100%. A caller
/// cannot tell which of the texts they read were checked, so a promise of review has to hold for all of them.
/// English, the source, is never marked.
/// </summary>
public static class LanguagesUnderReview
{
    /// <summary>After a language's name in the SMS language menu: one character, so the menu keeps its segments.</summary>
    public const string Marker = "*";

    public static IReadOnlySet<string> Of(ContentBundle content) =>
        content.Locales.Locales
            .Where(l => !ReferenceEquals(l, content.Locales.English))
            .Where(l => ReviewQueue.Progress(content, l.Culture).Unreviewed > 0)
            .Select(l => l.Culture)
            .ToHashSet(StringComparer.Ordinal);
}
