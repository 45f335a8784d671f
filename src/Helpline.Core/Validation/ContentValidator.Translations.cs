using Helpline.Core.Content;
using Helpline.Core.Localization;

namespace Helpline.Core.Validation;

/// <summary>
/// Translations that know when they are stale: every translated text must say which English it translates
/// (locales/review/), and one made from an older English is reported until it is re-translated or re-approved.
/// </summary>
public sealed partial class ContentValidator
{
    private static void CheckTranslations(ContentBundle content, List<Finding> findings)
    {
        var reviews = content.Translations;
        foreach (var culture in reviews.Cultures.Where(c => !content.Locales.Has(c)))
            findings.Add(new(Severity.Warning, ReviewFile(culture), "culture", $"review records for '{culture}', which has no locale file"));

        foreach (var locale in content.Locales.Locales.Where(l => !ReferenceEquals(l, content.Locales.English)))
        {
            var file = ReviewFile(locale.Culture);
            foreach (var (key, record) in reviews.For(locale.Culture))
            {
                if (!TranslationRecord.Statuses.Contains(record.Status))
                    findings.Add(new(Severity.Error, file, key, $"status must be one of {string.Join(", ", TranslationRecord.Statuses)}, not '{record.Status}'"));
                else if (record.Status == TranslationRecord.Reviewed && (string.IsNullOrWhiteSpace(record.ReviewedBy) || record.Date is null))
                    findings.Add(new(Severity.Error, file, key, "'reviewed' needs reviewed_by and date"));
                if (!locale.Texts.ContainsKey(key))
                    findings.Add(new(Severity.Warning, file, key, $"a review record for a text {locale.File} does not have"));
            }

            var statuses = reviews.StatusesOf(content.Locales, locale.Culture).Where(s => content.Locales.English.Texts.ContainsKey(s.Key)).ToList();
            foreach (var status in statuses)
            {
                if (status.State == TranslationState.Stale)
                    findings.Add(new(Severity.Warning, locale.File, status.Key,
                        $"stale translation: the English changed after it was {(status.Record!.Status == TranslationRecord.Reviewed ? "reviewed" : "translated")} ({status.Record.Date}); " +
                        "re-translate it and run helpline translations mark, or re-approve it with helpline translations approve"));
                else if (status.State == TranslationState.Untracked)
                    findings.Add(new(Severity.Warning, locale.File, status.Key,
                        $"no review record in {file}: which English it translates is unknown; run helpline translations mark"));
            }
            findings.Add(new(Severity.Info, locale.File, "translations", TranslationCounts.Of(statuses).ToString()));
        }
    }

    private static string ReviewFile(string culture) => $"{TranslationReviews.Folder}/{culture}.yaml";
}

/// <summary>
/// How many of a language's texts are in each review state, missing ones (the English is given instead) included:
/// the one count behind the content report's reviewed share, the review page's progress and the CLI's figures.
/// </summary>
public sealed record TranslationCounts(int Reviewed, int MachineDrafts, int Stale, int Untracked, int Missing = 0)
{
    public int Unreviewed => MachineDrafts + Stale + Untracked + Missing;

    /// <summary>Every text counted: a missing text is one a caller gets, in English.</summary>
    public int Texts => Reviewed + Unreviewed;

    /// <summary>The reviewed share in whole percent, rounded down (100 only when every text is reviewed).</summary>
    public int ReviewedPercent => Texts == 0 ? 0 : Reviewed * 100 / Texts;

    public static TranslationCounts Of(IEnumerable<TranslationStatus> statuses)
    {
        var list = statuses.ToList();
        return new(
            list.Count(s => s.IsReviewed),
            list.Count(s => s.State == TranslationState.MachineDraft),
            list.Count(s => s.State == TranslationState.Stale),
            list.Count(s => s.State == TranslationState.Untracked),
            list.Count(s => s.State == TranslationState.Missing));
    }

    public override string ToString() =>
        $"{Reviewed} reviewed, {MachineDrafts} machine drafts, {Stale} stale, {Untracked} untracked" + (Missing > 0 ? $", {Missing} missing" : "");
}
