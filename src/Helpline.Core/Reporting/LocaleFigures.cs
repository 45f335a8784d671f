using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Localization;
using Helpline.Core.Text;
using Helpline.Core.Voice;

namespace Helpline.Core.Reporting;

/// <summary>One language measured for the content report: how much is translated, what a text costs by SMS, how calls sound.</summary>
public sealed record LocaleFigures(
    Locale Locale,
    int UsedKeys,
    int Translated,
    IReadOnlyList<string> Fallbacks,
    IReadOnlyList<SmsTextSize> SmsTexts,
    VoiceCoverageRow Voice)
{
    public int Gsm7Texts => SmsTexts.Count(t => t.Encoding == SmsEncoding.Gsm7);
    public int Ucs2Texts => SmsTexts.Count(t => t.Encoding == SmsEncoding.Ucs2);

    /// <summary>The costliest text; on a tie the first key in ordinal order, so the report does not depend on file order.</summary>
    public SmsTextSize? Largest => SmsTexts.OrderByDescending(t => t.Segments).ThenBy(t => t.Key, StringComparer.Ordinal).FirstOrDefault();

    public double MedianSegments
    {
        get
        {
            if (SmsTexts.Count == 0) return 0;
            var sorted = SmsTexts.Select(t => t.Segments).Order().ToList();
            var middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        }
    }

    public IEnumerable<SmsTextSize> OverBudget(int budget) => SmsTexts.Where(t => t.Segments > budget);

    /// <summary>
    /// Characters outside GSM-7 in a locale whose texts could otherwise be GSM-7: each one turns a whole
    /// message into UCS-2 and so can double what a prepaid texter pays. Most frequent first.
    /// </summary>
    public IReadOnlyList<char> Ucs2Characters()
    {
        var ucs2 = SmsTexts.Where(t => t.Encoding == SmsEncoding.Ucs2).ToList();
        return [.. ucs2.SelectMany(t => Locale.Texts[t.Key]).Where(c => !SegmentCounter.IsGsm7(c.ToString()))
            .GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key)];
    }

    public static IReadOnlyList<LocaleFigures> Measure(ContentBundle content)
    {
        var used = UsedTextKeys.Find(content).Select(u => u.Key).ToList();
        var english = content.Locales.English;
        var voice = VoiceCoverage.Measure(content).ToDictionary(r => r.Culture, StringComparer.Ordinal);
        return [.. content.Locales.Locales.Select(locale => new LocaleFigures(
            locale,
            used.Count,
            used.Count(locale.Texts.ContainsKey),
            // A key English lacks too is not a fallback but a missing text: the validator reports it as an error.
            [.. used.Where(k => !locale.Texts.ContainsKey(k) && english.Texts.ContainsKey(k)).Order(StringComparer.Ordinal)],
            [.. locale.Texts.Where(t => IsSms(t.Key)).Select(t => new SmsTextSize(t.Key, SegmentCounter.EncodingOf(t.Value), SegmentCounter.Count(t.Value)))],
            voice[locale.Culture]))];
    }

    /// <summary>Whether a key can be sent by SMS: spoken variants and websites spelled out for calls are not.</summary>
    public static bool IsSms(string key) =>
        !key.StartsWith("voice.", StringComparison.Ordinal)
        && !key.StartsWith("web.", StringComparison.Ordinal)
        && !key.EndsWith(ConversationEngine.VoiceSuffix, StringComparison.Ordinal);
}

/// <summary>One locale text as an SMS: its encoding and how many segments it costs on its own.</summary>
public sealed record SmsTextSize(string Key, SmsEncoding Encoding, int Segments);
