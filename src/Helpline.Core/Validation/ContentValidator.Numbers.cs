using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Helpline.Core.Content;
using Helpline.Core.Directory;

namespace Helpline.Core.Validation;

/// <summary>
/// A number or code in a text is a promise that it reaches help. So every phone number and every detention
/// speed-dial code (699#, *9233#, #566) a text gives must be held by a fact or by a directory entry whose
/// status lets it be shown; one that only a hidden entry (verify before use, not shown, do not list) holds
/// is an error, because a caller would be given what nobody has confirmed. Digits of any script count.
/// </summary>
public sealed partial class ContentValidator
{
    private static void CheckNumbers(ContentBundle content, List<Finding> findings)
    {
        var allowed = AllowedNumbers(content);
        var hidden = new Dictionary<string, Organization>(StringComparer.Ordinal);
        foreach (var org in content.Directory.All.Where(o => !o.IsShown))
        {
            if (org.Phone is { } phone) hidden.TryAdd("phone:" + Digits(phone), org);
            if (org.SpeedDial is { } code) hidden.TryAdd("code:" + CodeKey(code), org);
        }
        // A shown entry's code must also be a shown number: ShownSpeedDial is null for website-only entries.

        foreach (var locale in content.Locales.Locales)
        {
            foreach (var (key, text) in locale.Texts)
            {
                foreach (var (kind, written, id) in NumbersIn(text))
                {
                    if (hidden.TryGetValue(id, out var org) && !allowed.Contains(id))
                        findings.Add(new(Severity.Error, locale.File, key,
                            $"{kind} '{written}' belongs to directory entry '{org.Id}', whose status {org.Status} does not let it be shown to callers"));
                    else if (!allowed.Contains(id))
                        findings.Add(new(Severity.Error, locale.File, key,
                            $"{kind} '{written}' is in neither a shown directory entry nor facts/: give only numbers a source backs"));
                }
            }
        }
    }

    /// <summary>Numbers and codes a text may give: those of shown entries (as shown), and those the facts state.</summary>
    private static HashSet<string> AllowedNumbers(ContentBundle content)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var org in content.Directory.All)
        {
            if (org.ShownPhone is { } phone) allowed.Add("phone:" + Digits(phone));
            if (org.ShownSpeedDial is { } code) allowed.Add("code:" + CodeKey(code));
        }
        foreach (var fact in content.Facts)
        {
            foreach (var (_, _, id) in NumbersIn(fact.Statement)) allowed.Add(id);
        }
        return allowed;
    }

    /// <summary>Each phone number and short code in a text: what it is, as written, and the key it is compared by.</summary>
    internal static IEnumerable<(string Kind, string Written, string Id)> NumbersIn(string text)
    {
        var ascii = AsciiDigits(text);
        foreach (Match match in PhonePattern().Matches(ascii))
            yield return ("phone number", match.Value, "phone:" + Digits(match.Value));
        foreach (Match match in ShortCodePattern().Matches(ascii))
            yield return ("short code", match.Value, "code:" + CodeKey(match.Value));
    }

    /// <summary>"*9233#", "9233#" and "*9233" name the same code on a detention phone.</summary>
    private static string CodeKey(string code) => code.Trim('*');

    /// <summary>Persian, Gurmukhi, full-width and other decimal digits read as 0-9, so a number cannot hide in another script.</summary>
    internal static string AsciiDigits(string text)
    {
        if (text.All(c => c < 128)) return text;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c >= 128 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber
                ? (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c))
                : c);
        }
        return builder.ToString();
    }

    // 2 to 6 digits with a # before or after, or a * before: "699#", "1845#", "#566", "*9233#". A lone
    // "#" or "*" (the back and repeat keys) has no digits, and a digit after a letter (I-589#) is not a code.
    [GeneratedRegex(@"(?<![\d*#])(?:\*\d{2,6}#?|#\d{2,6}|\d{2,6}#)(?![\d#])")]
    private static partial Regex ShortCodePattern();
}
