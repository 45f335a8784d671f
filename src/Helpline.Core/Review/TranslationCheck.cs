using System.Text.RegularExpressions;
using Helpline.Core.Localization;
using Helpline.Core.Reporting;
using Helpline.Core.Text;
using Helpline.Core.Validation;

namespace Helpline.Core.Review;

/// <summary>
/// The checks one reviewed text must pass before it is saved, whichever way it comes (the review page or an
/// XLIFF file): the same placeholders as the English, the same phone numbers, short codes and other numbers
/// (a wrong digit sends someone to the wrong place), no more SMS segments than the budget allows, and the
/// language's own script and direction. Each problem is one sentence a volunteer can act on.
/// </summary>
public static partial class TranslationCheck
{
    public static IReadOnlyList<string> Problems(LocaleCatalog locales, Locale locale, string key, string text, int smsSegmentBudget)
    {
        var problems = new List<string>();
        if (!locales.English.Texts.TryGetValue(key, out var english))
        {
            problems.Add($"'{key}' is not an English text: there is nothing to translate");
            return problems;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add("the text is empty");
            return problems;
        }

        var placeholders = Placeholders(english);
        if (Placeholders(text) is var own && own != placeholders)
            problems.Add($"placeholders {Show(own)} differ from the English {Show(placeholders)}: keep each {{0}} exactly as it is");

        // Phone numbers and codes must be exactly the English ones, both ways; other numbers ("24 hours", "2026")
        // must all be there, but a translation may add digits where English uses words (Chinese dates: 2026年7月27日).
        var (englishCodes, englishOther) = Numbers(english);
        var (codes, other) = Numbers(text);
        var missing = Without(englishCodes, codes).Concat(Without(englishOther, other)).ToList();
        var added = Without(codes, englishCodes);
        if (missing.Count > 0 || added.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0) parts.Add($"missing {string.Join(", ", missing.Select(Shown))}");
            if (added.Count > 0) parts.Add($"not in the English {string.Join(", ", added.Select(Shown))}");
            problems.Add($"numbers and codes must be the English ones: {string.Join("; ", parts)}");
        }

        // The text alone, measured as SmsCost measures a sent body; the replies it is sent in (first reply, pages
        // with their footers) are measured as sent by the content validator, which ReviewDesk runs on the edited content.
        if (LocaleFigures.IsSms(key))
        {
            var cost = SmsCost.Of(text);
            var current = locale.Texts.TryGetValue(key, out var before) ? SmsCost.Of(before).Segments : 0;
            if (cost.Segments > smsSegmentBudget && cost.Segments > current)
                problems.Add($"{cost.Segments} SMS segments ({cost.EncodingName}), over the budget of {smsSegmentBudget}: shorten it");
        }

        if (text.Any(c => c is '\u202A' or '\u202B' or '\u202D' or '\u202E'))
            problems.Add("direction override characters (U+202A-U+202E) can reverse or hide text on a phone: remove them");
        var expected = ScriptOf(locale.Name);
        var foreign = text.Where(char.IsLetter).Select(ScriptOf).Where(s => s is not (Script.Latin or Script.Other) && s != expected).Distinct().ToList();
        if (foreign.Count > 0)
            problems.Add($"letters of another script ({string.Join(", ", foreign)}) in a {locale.EnglishName} text written in {expected}");
        // A name or code may stay in Latin letters, so this asks only of a text whose translation so far was in the script,
        // or, for a text the language does not have yet, whose English has words to translate (not only a {0}).
        else if (expected is not (Script.Latin or Script.Other) && !HasLettersOf(text, expected)
            && (locale.Texts.TryGetValue(key, out var translated) ? HasLettersOf(translated, expected) : english.Any(char.IsLetter)))
            problems.Add($"no {expected} letters: a {locale.EnglishName} text is written in {expected}{(locale.IsRightToLeft ? ", right to left" : "")}");
        return problems;
    }

    public enum Script { Latin, Arabic, Cyrillic, Han, Gurmukhi, Other }

    /// <summary>The script a text is written in: that of its first letter outside Latin, else Latin.</summary>
    public static Script ScriptOf(string text)
    {
        var scripts = text.Where(char.IsLetter).Select(ScriptOf).ToList();
        return scripts.FirstOrDefault(s => s is not (Script.Latin or Script.Other), scripts.Count > 0 ? Script.Latin : Script.Other);
    }

    private static Script ScriptOf(char c) => c switch
    {
        (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '\u00C0' and <= '\u024F') or (>= '\u1E00' and <= '\u1EFF') => Script.Latin,
        (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\u08A0' and <= '\u08FF') or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF') => Script.Arabic,
        >= '\u0400' and <= '\u052F' => Script.Cyrillic,
        (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF') => Script.Han,
        >= '\u0A00' and <= '\u0A7F' => Script.Gurmukhi,
        _ => Script.Other,
    };

    private static bool HasLettersOf(string text, Script script) => text.Any(c => char.IsLetter(c) && ScriptOf(c) == script);

    private static string Placeholders(string text) => string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal));

    private static string Show(string placeholders) => placeholders.Length == 0 ? "(none)" : placeholders;

    /// <summary>
    /// Phone numbers and short codes as the validator reads them, and every other run of digits (any script),
    /// each as often as it occurs: "24 hours" must not become "48".
    /// </summary>
    private static (List<string> Codes, List<string> Other) Numbers(string text)
    {
        var withoutPlaceholders = PlaceholderPattern().Replace(text, " ");
        var ascii = ContentValidator.AsciiDigits(withoutPlaceholders);
        var codes = ContentValidator.NumbersIn(withoutPlaceholders).Select(n => n.Id).Order(StringComparer.Ordinal).ToList();
        var rest = CodePattern().Replace(ContentValidator.PhonePattern().Replace(ascii, " "), " ");
        var other = DigitsPattern().Matches(rest).Select(m => "number:" + (m.Value.TrimStart('0') is { Length: > 0 } v ? v : "0")).Order(StringComparer.Ordinal).ToList();
        return (codes, other);
    }

    /// <summary>"phone:8883514024" as "888-351-4024"-like digits, "code:9233#" as "9233#", "number:24" as "24".</summary>
    private static string Shown(string id) => id[(id.IndexOf(':') + 1)..];

    /// <summary>What <paramref name="all"/> has more often than <paramref name="other"/>: "24" twice against once is one missing.</summary>
    private static List<string> Without(List<string> all, List<string> other)
    {
        var rest = other.ToList();
        return [.. all.Where(n => !rest.Remove(n))];
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"(?<![\d*#])(?:\*\d{2,6}#?|#\d{2,6}|\d{2,6}#)(?![\d#])")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitsPattern();
}
