using Helpline.Core.Review;
using Helpline.Core.Validation;

namespace Helpline.Web.Review;

/// <summary>One language in the review page's picker, with how far its review has come.</summary>
public sealed record ReviewLanguage(string Culture, string Name, string EnglishName, string Direction, ReviewProgress Progress);

/// <summary>
/// Approved, draft (untracked counted as draft), stale and missing texts of a language, and the approved share in
/// percent (of every text a caller can get, the missing ones included: <see cref="TranslationCounts"/>, as the report).
/// </summary>
public sealed record ReviewProgress(int Texts, int Approved, int Draft, int Stale, int Missing, int ApprovedPercent)
{
    public static ReviewProgress Of(TranslationCounts counts) =>
        new(counts.Texts, counts.Reviewed, counts.MachineDrafts + counts.Untracked, counts.Stale, counts.Missing, counts.ReviewedPercent);
}

/// <summary>GET /simulator/review/api/languages/{culture}: every text of the language, in conversation order.</summary>
public sealed record ReviewSheet(ReviewLanguage Language, int SmsSegmentBudget, IReadOnlyList<ReviewText> Texts);

public sealed record ReviewText(string Key, string Where, string Channel, string English, string EnglishVersion, string Text,
    string State, string? ReviewedBy, string? Date, string? Note)
{
    public static ReviewText Of(ReviewItem item) =>
        new(item.Key, item.Where, item.Channel, item.English, item.EnglishVersion, item.Text, item.StateName, item.ReviewedBy, item.Date, item.Note);
}

/// <summary>
/// POST /simulator/review/api/languages/{culture}/texts/{key}: approve the text (as it is when <c>Text</c> is
/// null; a missing text needs its <c>Text</c>), by <c>Reviewer</c>, who saw the English <c>EnglishVersion</c>.
/// </summary>
public sealed record ReviewRequest(string? Text, string? Reviewer, string? EnglishVersion);

/// <summary>The text as saved and the language's progress; or, refused, why.</summary>
/// <param name="Audio">On a language played from files: whether the edited text's stand-in was spoken again, or why not.</param>
public sealed record ReviewAnswer(ReviewText? Text, ReviewProgress? Progress, IReadOnlyList<string> Problems, string? Audio = null);
