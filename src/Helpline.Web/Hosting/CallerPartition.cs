using Helpline.Twilio;
using Helpline.Web.Metrics;
using Helpline.Web.State;
using Microsoft.AspNetCore.RateLimiting;

namespace Helpline.Web.Hosting;

/// <summary>
/// Rate limiting per person: the partition is the caller key (an HMAC of the sender), read from the
/// form that <see cref="FormReadingMiddleware"/> has already buffered.
/// </summary>
public static class CallerPartition
{
    public static string For(HttpContext context)
    {
        if (!context.Request.HasFormContentType) return "no-form";
        var from = context.Request.Form["From"].ToString();
        return from.Length == 0 ? "no-sender" : context.RequestServices.GetRequiredService<CallerKeys>().For("limit", from);
    }

    /// <summary>Past the limit: 200 with an empty &lt;Response/&gt;, so Twilio sends nothing and does not retry.</summary>
    public static async ValueTask RejectQuietly(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Helpline.RateLimit")
            .LogWarning("Message flood: a caller passed the per-minute limit on {Path}; no reply sent", context.Request.Path.Value);
        context.RequestServices.GetRequiredService<HelplineMetrics>().RateLimited(context.Request);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = TwimlResponse.ContentType;
        await context.Response.WriteAsync(new TwimlResponse().ToString(), ct);
    }
}

/// <summary>Reads Twilio's form before rate limiting, so the partitioner can see the sender without blocking I/O.</summary>
public sealed class FormReadingMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/twilio") && context.Request.HasFormContentType)
            await context.Request.ReadFormAsync(context.RequestAborted);
        await next(context);
    }
}
