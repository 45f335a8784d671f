using System.Text.RegularExpressions;

namespace Helpline.Core.Review;

/// <summary>
/// The one-line note a reviewer sees beside a text: which legal terms it uses, each with what must survive the
/// translation. These terms have exact legal meanings a literal translation loses (a "notario" is a lawyer in
/// much of Latin America, and not in the US), and mixing two of them misinforms someone facing removal.
/// </summary>
public static partial class LegalTermNotes
{
    public sealed record Term(string Name, Regex Pattern, string Note);

    public static IReadOnlyList<Term> Terms { get; } =
    [
        new("credible fear", CredibleFear(), "credible fear: the screening interview after saying you are afraid; keep it distinct from reasonable fear"),
        new("reasonable fear", ReasonableFear(), "reasonable fear: a different screening (reinstated removal orders), leading only to withholding or deferral; not credible fear"),
        new("withholding of removal", Withholding(), "withholding of removal: a protection that is not asylum and gives no green card; do not translate it as asylum"),
        new("expedited removal", ExpeditedRemoval(), "expedited removal: fast removal by an officer without a judge; keep it distinct from ordinary deportation"),
        new("notario", Notario(), "notario: in the US a notary is not a lawyer and may not give legal advice; do not use the word for lawyer"),
    ];

    /// <summary>The legal terms an English text uses, in the order above.</summary>
    public static IReadOnlyList<Term> In(string english) => [.. Terms.Where(t => t.Pattern.IsMatch(english))];

    /// <summary>"Legal terms: ..." for the terms the English uses, or null when it uses none.</summary>
    public static string? For(string english)
    {
        var terms = In(english);
        return terms.Count == 0 ? null : "Legal terms: " + string.Join("; ", terms.Select(t => t.Note)) + ".";
    }

    [GeneratedRegex(@"\bcredible[- ]fear\b", RegexOptions.IgnoreCase)]
    private static partial Regex CredibleFear();

    [GeneratedRegex(@"\breasonable[- ]fear\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReasonableFear();

    [GeneratedRegex(@"\bwithholding\b", RegexOptions.IgnoreCase)]
    private static partial Regex Withholding();

    [GeneratedRegex(@"\bexpedited removal\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExpeditedRemoval();

    [GeneratedRegex(@"\bnotar(?:io|ios|y|ies)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Notario();
}
