using Helpline.Core.Content;
using Helpline.Core.Localization;
using Helpline.Core.Validation;

namespace Helpline.Core.Review;

/// <summary>A reviewer's decision on one text: its text (changed or not), and whether they approve it.</summary>
/// <param name="EnglishVersion">The English version (<see cref="TranslationStatus.SourceHash"/>) the reviewer saw, when known.</param>
public sealed record ReviewChange(string Key, string Text, bool Approve, string? EnglishVersion = null);

public sealed record ReviewRefusal(string Key, string Reason)
{
    public override string ToString() => $"{Key}: {Reason}";
}

/// <summary>What a batch of review decisions did: texts rewritten, texts approved, edits kept as drafts, refusals, and the rest.</summary>
public sealed record ReviewResult(
    IReadOnlyList<string> Rewritten,
    IReadOnlyList<string> Approved,
    IReadOnlyList<string> Drafts,
    IReadOnlyList<ReviewRefusal> Refused,
    int Unchanged);

/// <summary>
/// Saves review decisions the one way, whether they come from the review page or an XLIFF file: each text must
/// pass <see cref="TranslationCheck"/>, then the whole content with the edits must pass the validator with no
/// new error; what passes is written into locales/&lt;culture&gt;.yaml (only the changed lines; a text the
/// language lacked is added as a new line, see <see cref="LocaleTextFile"/>) and its review recorded in
/// locales/review/ against the current English. What does not pass is named with its reason and changes nothing.
/// </summary>
public static class ReviewDesk
{
    public static ReviewResult Apply(ContentBundle content, string culture, IReadOnlyList<ReviewChange> changes, string? reviewer, DateOnly today, int smsSegmentBudget)
    {
        if (!content.Locales.Has(culture)) throw new ArgumentException($"no locale file for culture '{culture}'");
        var locale = content.Locales.Get(culture);
        if (ReferenceEquals(locale, content.Locales.English)) throw new ArgumentException("English is the source: it has nothing to review");

        var refused = new List<ReviewRefusal>();
        var accepted = new List<ReviewChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unchanged = 0;
        foreach (var change in changes)
        {
            void Refuse(string reason) => refused.Add(new(change.Key, reason));
            if (!seen.Add(change.Key)) { Refuse("given twice: only the first is used"); continue; }
            if (!content.Locales.English.Texts.TryGetValue(change.Key, out var english)) { Refuse("not a text the helpline says (no English text has this key)"); continue; }
            // A missing text (a caller gets the English) is added like an edit: its current text is none.
            var current = locale.Texts.GetValueOrDefault(change.Key);
            if (change.EnglishVersion is { } seenVersion && seenVersion != TranslationStatus.SourceHash(english))
            {
                Refuse($"the English changed since this was reviewed; it now says: \"{english}\"");
                continue;
            }
            var state = content.Translations.StatusOf(content.Locales, locale.Culture, change.Key).State;
            var rewritten = change.Text != current;
            if (!rewritten && (!change.Approve || state == TranslationState.Reviewed)) { unchanged++; continue; }
            if (change.Approve && string.IsNullOrWhiteSpace(reviewer)) { Refuse("an approval needs the reviewer's name"); continue; }
            var problems = TranslationCheck.Problems(content.Locales, locale, change.Key, change.Text, smsSegmentBudget);
            if (problems.Count > 0) { Refuse(string.Join("; ", problems)); continue; }
            accepted.Add(change);
        }

        var edits = accepted.Where(c => c.Text != locale.Texts.GetValueOrDefault(c.Key)).ToDictionary(c => c.Key, c => c.Text, StringComparer.Ordinal);
        if (edits.Count > 0) refused.AddRange(NewValidatorErrors(content, locale, edits, accepted));
        accepted.RemoveAll(c => refused.Any(r => r.Key == c.Key));
        foreach (var key in edits.Keys.Where(k => accepted.All(c => c.Key != k)).ToList()) edits.Remove(key);

        var added = edits.Where(e => !locale.Texts.ContainsKey(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var replaced = edits.Where(e => locale.Texts.ContainsKey(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (edits.Count > 0) LocaleTextFile.Write(content.Root, locale, replaced, added, content.Locales.English);
        // The records are written against the locales as edited: an added text is one the language now has.
        var locales = edits.Count > 0 ? With(content, locale, edits).Locales : content.Locales;
        var approved = accepted.Where(c => c.Approve).Select(c => c.Key).ToList();
        var drafts = accepted.Where(c => !c.Approve && edits.ContainsKey(c.Key)).Select(c => c.Key).ToList();
        if (approved.Count > 0) TranslationReviews.Approve(content.Root, locales, locale.Culture, approved, reviewer!, today);
        if (drafts.Count > 0) TranslationReviews.MarkMachineDraft(content.Root, locales, locale.Culture, drafts, today);
        return new ReviewResult([.. edits.Keys], approved, drafts, refused, unchanged);
    }

    /// <summary>Errors the validator finds with the edits that it did not find before: each names the key it is about, or refuses every edit.</summary>
    private static IEnumerable<ReviewRefusal> NewValidatorErrors(ContentBundle content, Locale locale, IReadOnlyDictionary<string, string> edits, List<ReviewChange> accepted)
    {
        var validator = new ContentValidator(new ValidationOptions());
        var before = validator.Validate(content).Where(f => f.Severity == Severity.Error).Select(f => f.ToString()).ToHashSet(StringComparer.Ordinal);
        var edited = With(content, locale, edits);
        var errors = validator.Validate(edited).Where(f => f.Severity == Severity.Error && !before.Contains(f.ToString())).ToList();
        foreach (var error in errors)
        {
            if (edits.ContainsKey(error.Where)) yield return new(error.Where, error.Message);
            else
            {
                foreach (var change in accepted) yield return new(change.Key, $"with these edits the content has a new error: {error}");
            }
        }
    }

    /// <summary>The content as it would be with the edits, for the validator.</summary>
    private static ContentBundle With(ContentBundle content, Locale locale, IReadOnlyDictionary<string, string> edits)
    {
        var texts = new Dictionary<string, string>(locale.Texts, StringComparer.Ordinal);
        foreach (var (key, text) in edits) texts[key] = text;
        var copy = new Locale
        {
            Culture = locale.Culture, Name = locale.Name, EnglishName = locale.EnglishName, Direction = locale.Direction, Voice = locale.Voice,
            Review = locale.Review, SelectWords = locale.SelectWords, Keywords = locale.Keywords, Texts = texts, File = locale.File,
        };
        var locales = content.Locales.Locales.Select(l => ReferenceEquals(l, locale) ? copy : l);
        return new ContentBundle(content.Root, content.Flows, new LocaleCatalog(locales), content.Directory, content.Facts) { Translations = content.Translations };
    }
}
