namespace Helpline.Core.Engine;

public sealed class EngineOptions
{
    /// <summary>A conversation idle this long starts again at the main menu (keeping its language).</summary>
    public TimeSpan IdleReset { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most SMS segments one reply may cost before it is paged ("reply MORE").</summary>
    public int SmsSegmentBudget { get; set; } = 4;

    /// <summary>
    /// Most SMS segments one page of an answer costs (never more than <see cref="SmsSegmentBudget"/>): a page a
    /// texter reads as one message. Its last page may take up to <see cref="SmsSegmentBudget"/> when that saves the
    /// texter a whole message (see <see cref="SmsPaging"/>). Lists of organizations page by the reply budget.
    /// </summary>
    public int SmsAnswerPageBudget { get; set; } = 3;

    /// <summary>
    /// Helpline:MarkLanguagesUnderReview. Off by default. On: the language menu puts
    /// <see cref="Review.LanguagesUnderReview.Marker"/> after each language a person cannot yet get wholly
    /// reviewed texts in, and the welcome in such a language is followed by a short note saying the texts are
    /// still being checked by native speakers, so nobody is promised more than the review has done.
    /// </summary>
    public bool MarkLanguagesUnderReview { get; set; }

    /// <summary>WhatsApp is not billed by segment, but one message holds at most this much.</summary>
    public int WhatsAppMessageLength { get; set; } = 1600;

    /// <summary>Silent or invalid answers in a row after which a call ends with legal-help contacts.</summary>
    public int MaxStrikes { get; set; } = 2;

    /// <summary>Folding SMS into GSM-7: per locale by default; the content report measures both ways.</summary>
    public Gsm7FoldingMode SmsFolding { get; set; } = Gsm7FoldingMode.AsEachLocaleSays;
}

/// <summary>Whether SMS texts are folded into GSM-7 (see <see cref="Text.Gsm7Folding"/>).</summary>
public enum Gsm7FoldingMode
{
    /// <summary>Each locale's own <c>sms_fold_gsm7</c> setting decides (off unless it opts in).</summary>
    AsEachLocaleSays,
    /// <summary>Never fold: what the content report calls "without folding".</summary>
    Never,
    /// <summary>Fold in every locale: what the content report calls "with folding", so an operator can compare.</summary>
    Always,
}
