namespace Helpline.Web.Metrics;

/// <summary>The metrics settings, read from the "Helpline" configuration section.</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// When set, GET /metrics answers only a request with "Authorization: Bearer &lt;token&gt;". When not set it
    /// answers anyone, so the port it listens on must not be public.
    /// </summary>
    public string? MetricsToken { get; set; }
}
