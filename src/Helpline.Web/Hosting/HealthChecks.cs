using System.Text.Json;
using Helpline.Web.Content;
using Helpline.Web.State;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Helpline.Web.Hosting;

/// <summary>
/// /healthz (alive: the process answers) and /readyz (ready: conversations can be read and written),
/// through ASP.NET Core's health checks. Both are unauthenticated, so they say what a load balancer
/// needs and nothing more: no file paths, type names or error texts (those go to the log and the
/// admin report).
/// </summary>
public static class HealthChecks
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddHelplineHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ConversationStoreHealthCheck>("store", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapHelplineHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsync("ok"),
        });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadinessAsync,
        });
        return app;
    }

    /// <summary>{ store: ok|unavailable, content: { loadedAt, lastRefusal } }, lastRefusal saying only that (and not why) an edit was refused.</summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var content = context.RequestServices.GetRequiredService<ContentSource>();
        var store = report.Entries.TryGetValue("store", out var entry) && entry.Status == HealthStatus.Healthy ? "ok" : "unavailable";
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            store,
            content = new
            {
                loadedAt = content.LoadedAt,
                lastRefusal = content.LastRefusal is null ? null : "a content edit was refused; the last good content serves (details in the log and the admin report)",
            },
        }, JsonSerializerOptions.Web));
    }
}

/// <summary>The conversation store answers reads and its writes succeed (see each store's PingAsync).</summary>
public sealed class ConversationStoreHealthCheck(IConversationStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.PingAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("conversation store unavailable or its writes fail");
}
