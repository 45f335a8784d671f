using System.Text;
using System.Threading.RateLimiting;
using Helpline.Twilio;
using Helpline.Web.Metrics;
using Helpline.Web.State;
using Microsoft.Extensions.Options;

namespace Helpline.Web.Hosting;

/// <summary>
/// Messages one sender may send per minute (SMS pumping, floods). A filter placed after the signature
/// check, not middleware before routing: only a request Twilio signed can use up a person's budget, so
/// nobody can silence a texter, or learn whether a number has texted, by forging their <c>From</c>.
/// </summary>
public sealed class CallerRateLimitFilter(CallerRateLimiter limiter, CallerKeys keys, IWebhookRefusals refusals, HelplineMetrics metrics) : IEndpointFilter
{
    private static readonly string EmptyTwiml = new TwimlResponse().ToString();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!request.HasFormContentType) return await next(context);
        // Already parsed by the signature filter: no second read.
        var from = (await request.ReadFormAsync(context.HttpContext.RequestAborted))["From"].ToString();
        if (from.Length == 0 || limiter.TryAcquire(keys.For("limit", from))) return await next(context);

        // Past the limit: 200 with an empty <Response/>, so Twilio sends nothing and does not retry.
        refusals.Refused(WebhookRefusal.OverCallerLimit);
        metrics.RateLimited(request);
        return Results.Content(EmptyTwiml, TwimlResponse.ContentType, Encoding.UTF8);
    }
}

/// <summary>One sliding window per caller key (an HMAC of the sender, never the number); a singleton.</summary>
public sealed class CallerRateLimiter(IOptions<HelplineOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.MessagesPerMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    public bool TryAcquire(string callerKey)
    {
        using var lease = _limiter.AttemptAcquire(callerKey);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
