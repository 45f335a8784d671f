using System.Globalization;
using System.Text;

namespace Helpline.Core.Text;

/// <summary>
/// Turns what a person typed on whatever phone they have into a comparable form:
/// Persian or Arabic digits, Arabic letter variants, stray bidi marks and "#1." all read the same.
/// </summary>
public static class InputNormalizer
{
    public static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input)) return "";

        // Most texts are a digit or a short Latin word: printable ASCII is already in normal form,
        // has nothing to fold, and needs no trip through ICU.
        if (IsPrintableAscii(input)) return ReadAsChoice(CollapseWhitespace(input).ToLowerInvariant());

        var text = input.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (IsInvisible(c)) continue;
            sb.Append(Fold(c));
        }

        var folded = CollapseWhitespace(sb.ToString()).ToLowerInvariant();
        return ReadAsChoice(folded);
    }

    /// <summary>"1", "1.", "#1", "(1)", "1)" are all the choice 1; "#" and "*" alone stay commands.</summary>
    private static string ReadAsChoice(string text)
    {
        if (text.Length < 2) return text;
        var trimmed = text.Trim('.', ')', '(', '#', '-', ':', '،', '。', ' ');
        return trimmed.Length > 0 && trimmed.Length <= 3 && trimmed.All(char.IsAsciiDigit) ? trimmed : text;
    }

    private static bool IsPrintableAscii(string text) => !text.AsSpan().ContainsAnyExceptInRange(' ', '~');

    private static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF'
        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
        || (char.IsControl(c) && c != '\n' && c != '\t' && c != '\r');

    private static char Fold(char c) => c switch
    {
        >= '۰' and <= '۹' => (char)('0' + (c - '۰')),   // Persian digits
        >= '٠' and <= '٩' => (char)('0' + (c - '٠')),   // Arabic-Indic digits
        'ي' or 'ى' => 'ی',                              // Arabic yeh and alef maksura -> Persian yeh
        'ك' => 'ک',                                     // Arabic kaf -> Persian keheh
        'ة' => 'ه',
        '\u0640' => '\0',                               // tatweel: decoration only
        _ => c,
    };

    private static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c == '\0') continue;
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Case- and accent-insensitive key for matching words ("Espanol" = "español").</summary>
    public static string WordKey(string text)
    {
        if (IsPrintableAscii(text)) return Normalize(text); // no accents to take off
        var normalized = Normalize(text).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            // Latin combining accents only: Arabic-script and Gurmukhi vowel signs carry meaning.
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark && c < '\u0370') continue;
            sb.Append(c);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
