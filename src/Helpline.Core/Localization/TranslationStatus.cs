using System.Security.Cryptography;
using System.Text;

namespace Helpline.Core.Localization;

/// <summary>Where one translated text stands against the English it translates.</summary>
public enum TranslationState
{
    /// <summary>English itself: the text every translation is made from.</summary>
    Source,
    /// <summary>A native speaker approved this translation of the current English.</summary>
    Reviewed,
    /// <summary>A machine (or non-native) draft of the current English, not yet reviewed.</summary>
    MachineDraft,
    /// <summary>The English changed after this text was translated or reviewed.</summary>
    Stale,
    /// <summary>No review record says which English it translates: treated as an unreviewed draft.</summary>
    Untracked,
    /// <summary>The language has no text of its own for this English text: a caller gets the English.</summary>
    Missing,
}

/// <summary>
/// The review record of one translated text (one line of locales/review/&lt;culture&gt;.yaml): which English
/// text it translates (a hash), whether a native speaker approved it, who, and when.
/// </summary>
public sealed record TranslationRecord(string Source, string Status, string? ReviewedBy, string? Date)
{
    public const string MachineDraft = "machine-draft";
    public const string Reviewed = "reviewed";

    public static readonly IReadOnlySet<string> Statuses = new HashSet<string> { MachineDraft, Reviewed };
}

/// <summary>The state of one text a language says, with the record behind it (null when untracked or English).</summary>
public sealed record TranslationStatus(string Culture, string Key, TranslationState State, TranslationRecord? Record)
{
    /// <summary>Reviewed and current: anything else is what a caller gets unreviewed.</summary>
    public bool IsReviewed => State is TranslationState.Reviewed or TranslationState.Source;

    /// <summary>
    /// The version of an English text a translation records: the first 12 hex digits of the SHA-256 of its
    /// UTF-8 text. Short enough to read in a diff, long enough that two English versions never collide.
    /// </summary>
    public static string SourceHash(string englishText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(englishText)))[..12];
}
