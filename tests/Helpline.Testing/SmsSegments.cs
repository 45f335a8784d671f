namespace Helpline.Testing;

/// <summary>
/// Segment count as Twilio reports it in <c>num_segments</c>, so the fake answers like the real API.
/// GSM-7 when every character is in the GSM tables, UCS-2 otherwise.
/// </summary>
internal static class SmsSegments
{
    private const string GsmBasic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string GsmExtension = "\f^{}\\[~]|€";

    public static int Count(string body)
    {
        if (body.Length == 0)
        {
            return 1;
        }

        return body.All(c => GsmBasic.Contains(c) || GsmExtension.Contains(c))
            ? Pack(body.Select(c => GsmExtension.Contains(c) ? 2 : 1), single: 160, multi: 153)
            : Pack(Ucs2Units(body), single: 70, multi: 67);
    }

    // A surrogate pair is one character of two units and is never split across segments.
    private static IEnumerable<int> Ucs2Units(string body)
    {
        for (var i = 0; i < body.Length; i++)
        {
            if (char.IsHighSurrogate(body[i]) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1]))
            {
                i++;
                yield return 2;
            }
            else
            {
                yield return 1;
            }
        }
    }

    private static int Pack(IEnumerable<int> costs, int single, int multi)
    {
        var sizes = costs.ToList();
        if (sizes.Sum() <= single)
        {
            return 1;
        }

        var segments = 1;
        var used = 0;
        foreach (var size in sizes)
        {
            if (used + size > multi)
            {
                segments++;
                used = 0;
            }

            used += size;
        }

        return segments;
    }
}
