using System.Buffers;

namespace Helpline.Core.Text;

/// <summary>
/// Counts SMS segments the way carriers bill them (GSM 03.38 / UCS-2), because one stray
/// accented letter doubles a prepaid texter's cost and a reply must fit the segment budget.
/// </summary>
public static class SegmentCounter
{
    public const int MaxMessageLength = 1600;

    // GSM 03.38 basic character set (as Unicode).
    private const string GsmBasic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Extension table: each costs an escape plus the character (2 septets).
    private const string GsmExtension = "^{}\\[~]|€\f";

    // SearchValues scan a whole page at once (vectorized): paging counts segments many times a page.
    private static readonly SearchValues<char> Gsm = SearchValues.Create(GsmBasic + GsmExtension);
    private static readonly SearchValues<char> Extension = SearchValues.Create(GsmExtension);

    public static bool IsGsm7(string text) => !text.AsSpan().ContainsAnyExcept(Gsm);

    /// <summary>Septets for GSM-7 text, UTF-16 code units for UCS-2.</summary>
    public static SmsEncoding EncodingOf(string text) => IsGsm7(text) ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2;

    public static int Count(string text)
    {
        if (text.Length == 0) return 1;
        return IsGsm7(text) ? CountGsm(text) : CountUcs2(text);
    }

    private static int CountGsm(string text)
    {
        var septets = text.Length;
        for (var rest = text.AsSpan(); rest.IndexOfAny(Extension) is var i and >= 0; rest = rest[(i + 1)..]) septets++;
        if (septets <= 160) return 1;

        // An escaped pair is never split across segments.
        int segments = 1, used = 0;
        foreach (var c in text)
        {
            var cost = Extension.Contains(c) ? 2 : 1;
            if (used + cost > 153) { segments++; used = 0; }
            used += cost;
        }
        return segments;
    }

    private static int CountUcs2(string text)
    {
        if (text.Length <= 70) return 1;

        // A surrogate pair (an emoji) is never split across segments.
        int segments = 1, used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var cost = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (used + cost > 67) { segments++; used = 0; }
            used += cost;
            i += cost - 1;
        }
        return segments;
    }
}

public enum SmsEncoding { Gsm7, Ucs2 }
