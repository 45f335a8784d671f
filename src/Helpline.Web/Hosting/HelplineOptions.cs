namespace Helpline.Web.Hosting;

/// <summary>The "Helpline" configuration section.</summary>
public sealed class HelplineOptions
{
    public const string SectionName = "Helpline";

    /// <summary>The URL Twilio calls (https://host), used to rebuild the signed URL behind a proxy and to write action URLs.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Folder holding flows/, locales/, directory/ and facts/; the working directory (or the nearest above it with flows/) if unset.</summary>
    public string? ContentRoot { get; set; }

    /// <summary>Where the SQLite file and the development caller-key secret live.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Secret for the HMAC that turns a phone number into a caller key. Same on every instance.</summary>
    public string? CallerKeySecret { get; set; }

    public StoreOptions Store { get; set; } = new();

    /// <summary>
    /// Reverse proxies (IP addresses, or networks as CIDR such as 10.0.0.0/24) whose X-Forwarded-For and
    /// X-Forwarded-Proto headers are believed. Empty (the default): nobody's are.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
    /// <summary>"Helpline:Audio": the recordings folder (default locales/audio) and what a stale recording does.</summary>
    public Helpline.Core.Voice.AudioSettings Audio { get; set; } = new();

    public int SmsSegmentBudget { get; set; } = 4;

    /// <summary>Most segments one page of an answer costs (its last page may take up to SmsSegmentBudget to save a message).</summary>
    public int SmsAnswerPageBudget { get; set; } = 3;

    /// <summary>
    /// Outside Development, what happens to an answer whose facts (or a shown directory entry) were last
    /// verified longer ago than <see cref="StaleAfterDays"/>: Flag (the default) serves it and logs a warning
    /// naming it at every content load; Refuse refuses the content (at start: the helpline does not start;
    /// on an edit: the last good content keeps serving) until someone records a check with helpline verify.
    /// </summary>
    public Helpline.Core.Validation.StaleContentMode StaleFacts { get; set; } = Helpline.Core.Validation.StaleContentMode.Flag;

    public int StaleAfterDays { get; set; } = 180;

    /// <summary>A conversation idle this long starts again at the main menu.</summary>
    public TimeSpan IdleReset { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Messages one caller may send per minute before the rest get no reply (SMS pumping, floods).</summary>
    public int MessagesPerMinute { get; set; } = 20;

    /// <summary>
    /// Whether translations no native speaker has reviewed (machine drafts, stale or untracked texts) reach
    /// callers. True by default: a draft in the caller's language helps more than English. False serves only
    /// reviewed texts, each other text in English (the content report lists which).
    /// </summary>
    public bool ServeMachineDraftTranslations { get; set; } = true;

    /// <summary>
    /// Whether the language menu marks a language still under review ("8 دری *"): one in which a person can get a
    /// text no native speaker has approved against the current English (the content report's reviewed share under
    /// 100%). Such a language's welcome is followed by a short note, in it, that its texts are still being checked.
    /// False by default. English, the source, is never marked.
    /// </summary>
    public bool MarkLanguagesUnderReview { get; set; }
}

public sealed class StoreOptions
{
    /// <summary>Sqlite (default, embedded), Memory (tests) or Redis (several instances).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The SQLite file; relative paths are under the data folder.</summary>
    public string SqlitePath { get; set; } = "helpline.db";

    /// <summary>How long a conversation (and a caller's language) is kept after its last message.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often expired conversations are purged.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);
}
