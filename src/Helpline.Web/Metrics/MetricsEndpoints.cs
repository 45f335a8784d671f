using System.Security.Cryptography;
using System.Text;
using Helpline.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Helpline.Web.Metrics;

public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    public static IServiceCollection AddHelplineMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOptions<MetricsOptions>().BindConfiguration(HelplineOptions.SectionName);
        services.AddSingleton<HelplineMetrics>();
        services.AddSingleton<PrometheusExporter>();
        return services;
    }

    /// <summary>
    /// GET /metrics in Prometheus' text format. Not behind Twilio's signature filter (Prometheus is not
    /// Twilio); behind a bearer token when Helpline:MetricsToken is set.
    /// </summary>
    public static WebApplication MapHelplineMetrics(this WebApplication app)
    {
        // Listening starts now, before the first request, or the first turns would go uncounted.
        _ = app.Services.GetRequiredService<PrometheusExporter>();
        var token = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.MetricsToken;
        if (string.IsNullOrWhiteSpace(token) && !app.Environment.IsDevelopment())
            app.Logger.LogWarning("GET {Path} is served to anyone: keep it on an internal port or set Helpline:MetricsToken (Helpline__MetricsToken)", Path);

        app.MapGet(Path, (HttpContext context, PrometheusExporter exporter) =>
        {
            if (!string.IsNullOrWhiteSpace(token) && !HasToken(context.Request, token))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Unauthorized();
            }
            return Results.Text(exporter.Scrape(), PrometheusExporter.ContentType);
        });
        return app;
    }

    private static bool HasToken(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        // Hashes of equal length, compared in constant time: the answer's timing says nothing about the token.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim())),
            SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
