using System.Globalization;
using System.Text;

namespace Helpline.Core.Text;

/// <summary>
/// Folds Latin letters and punctuation outside GSM-7 into their GSM-7 look-alikes (á→a, ç→c, ã→a,
/// "smart" quotes and dashes → ASCII), so that a Spanish, Portuguese or French SMS is billed at 160
/// characters a segment instead of 70. Only for SMS, only where a locale opts in
/// (<c>sms_fold_gsm7: true</c>): a texter reads "informacion" at a third of the cost of "información".
/// </summary>
/// <remarks>
/// It never touches digits, phone numbers or any non-Latin script: a character is folded only when it is a
/// Latin letter or a punctuation mark from a fixed list and its folded form is GSM-7; everything else stays
/// as it is (so a text that is Arabic, Cyrillic, Chinese or Gurmukhi comes out unchanged).
/// </remarks>
public static class Gsm7Folding
{
    private static readonly Dictionary<char, string> Punctuation = new()
    {
        ['\u2018'] = "'", ['\u2019'] = "'", ['\u201A'] = "'", ['\u2032'] = "'",
        ['\u201C'] = "\"", ['\u201D'] = "\"", ['\u201E'] = "\"", ['\u00AB'] = "\"", ['\u00BB'] = "\"",
        ['\u2013'] = "-", ['\u2014'] = "-", ['\u2010'] = "-", ['\u2011'] = "-", ['\u2212'] = "-",
        ['\u2026'] = "...", ['\u00A0'] = " ", ['\u202F'] = " ", ['\u2009'] = " ",
        ['\u2022'] = "-", ['\u00B7'] = "-",
        ['\u0153'] = "oe", ['\u0152'] = "OE", ['\u00BA'] = "o", ['\u00AA'] = "a",
    };

    public static string Fold(string text)
    {
        if (SegmentCounter.IsGsm7(text)) return text;
        StringBuilder? folded = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = FoldChar(c);
            if (replacement is null) { folded?.Append(c); continue; }
            folded ??= new StringBuilder(text.Length).Append(text, 0, i);
            folded.Append(replacement);
        }
        return folded?.ToString() ?? text;
    }

    /// <summary>The GSM-7 form of one character, or null to keep it as it is.</summary>
    private static string? FoldChar(char c)
    {
        if (c < 0x80 || SegmentCounter.IsGsm7(c.ToString())) return null;
        if (Punctuation.TryGetValue(c, out var mark)) return mark;
        // Latin-1 Supplement and Latin Extended-A/B letters only: never Greek, Cyrillic, Arabic, CJK or Indic.
        if (c is < '\u00C0' or > '\u024F' || !char.IsLetter(c)) return null;
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var letter = decomposed[0];
        var onlyMarks = decomposed.Skip(1).All(m => CharUnicodeInfo.GetUnicodeCategory(m) == UnicodeCategory.NonSpacingMark);
        return char.IsAsciiLetter(letter) && onlyMarks ? letter.ToString() : null;
    }
}
