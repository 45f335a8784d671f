using Helpline.Twilio;
using Helpline.Web.Metrics;

namespace Helpline.Web.Hosting;

/// <summary>
/// Refused webhook requests, counted in the metrics and logged in aggregate: one line per reason per
/// interval, with the count. A forged flood of 200,000 requests is one warning a minute, not 200,000
/// lines (which filled a disk and buried everything else in the log).
/// </summary>
public sealed class RefusalLog : IWebhookRefusals, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private const string OtherReason = "other";
    private static readonly string[] Reasons = [.. WebhookRefusal.All, OtherReason];
    private readonly long[] _counts = new long[Reasons.Length];
    private readonly HelplineMetrics _metrics;
    private readonly ILogger<RefusalLog> _logger;
    private readonly ITimer _timer;

    public RefusalLog(HelplineMetrics metrics, TimeProvider time, ILogger<RefusalLog> logger)
    {
        _metrics = metrics;
        _logger = logger;
        _timer = time.CreateTimer(_ => Flush(), null, Interval, Interval);
    }

    public void Refused(string reason)
    {
        var index = Array.IndexOf(Reasons, reason);
        if (index < 0) index = Reasons.Length - 1;
        Interlocked.Increment(ref _counts[index]);
        _metrics.WebhookRefused(Reasons[index]);
    }

    /// <summary>Logs what was counted since the last flush, a line per reason; nothing when nothing was refused.</summary>
    public void Flush()
    {
        for (var i = 0; i < Reasons.Length; i++)
        {
            var count = Interlocked.Exchange(ref _counts[i], 0);
            if (count > 0)
                _logger.LogWarning("Refused {Count} webhook requests in the last {IntervalSeconds} s: {Reason}", count, (int)Interval.TotalSeconds, Reasons[i]);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }
}
