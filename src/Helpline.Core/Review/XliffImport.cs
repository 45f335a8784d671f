using Helpline.Core.Content;
using Helpline.Core.Localization;

namespace Helpline.Core.Review;

/// <summary>
/// Applies a reviewed XLIFF file through <see cref="ReviewDesk"/>: a changed target is checked and written, a unit
/// the tool marks reviewed is approved by the named reviewer, a unit whose English is no longer the current
/// English is refused (it was reviewed against another text). A text the language lacked is added once the tool
/// fills its target; left empty, or holding only the English a tool copied in and not marked reviewed, it stays
/// missing. An unchanged file changes nothing.
/// </summary>
public static class XliffImport
{
    public static ReviewResult Apply(ContentBundle content, XliffFile file, string? culture, string? reviewer, DateOnly today, int smsSegmentBudget)
    {
        var language = Culture(content, culture ?? file.TargetLanguage)
            ?? throw new ArgumentException($"the file's target language '{culture ?? file.TargetLanguage}' is not one of locales/ (give --culture)");
        var english = content.Locales.English.Texts;
        var locale = content.Locales.Get(language);
        var refused = new List<ReviewRefusal>();
        var changes = new List<ReviewChange>();
        var unchanged = 0;
        foreach (var unit in file.Units)
        {
            if (unit.Problem is { } problem) { refused.Add(new(unit.Id, problem)); continue; }
            if (!english.TryGetValue(unit.Id, out var source)) { refused.Add(new(unit.Id, "not a text the helpline says (no English text has this key)")); continue; }
            if (unit.Source != source)
            {
                refused.Add(new(unit.Id, $"the English changed since the file was exported; it now says: \"{source}\" (export again)"));
                continue;
            }
            if (unit.Target is null) { unchanged++; continue; }
            if (!locale.Texts.ContainsKey(unit.Id) && (string.IsNullOrWhiteSpace(unit.Target) || (unit.Target == source && !unit.Reviewed)))
            {
                unchanged++;
                continue;
            }
            changes.Add(new ReviewChange(unit.Id, unit.Target, unit.Reviewed));
        }
        var result = ReviewDesk.Apply(content, language, changes, reviewer, today, smsSegmentBudget);
        return result with { Refused = [.. refused, .. result.Refused], Unchanged = result.Unchanged + unchanged };
    }

    /// <summary>A tool's language code as a culture of locales/: "fa-AF", "fa_AF" and "FA-af" are the same.</summary>
    private static string? Culture(ContentBundle content, string language)
    {
        var name = language.Trim().Replace('_', '-');
        return content.Locales.Locales.FirstOrDefault(l => string.Equals(l.Culture, name, StringComparison.OrdinalIgnoreCase))?.Culture;
    }
}
