namespace Helpline.Core.Text;

/// <summary>
/// What one SMS body costs as it is sent: segments, encoding and length. The one measure the validator,
/// the content report, the simulator and the benchmark use, always over the exact body the webhook returns.
/// </summary>
public sealed record SmsCost(int Segments, SmsEncoding Encoding, int Length)
{
    public static SmsCost Of(string sentBody) =>
        new(SegmentCounter.Count(sentBody), SegmentCounter.EncodingOf(sentBody), sentBody.Length);

    public string EncodingName => Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2";
}
