using Helpline.Twilio;
using Helpline.Web.Sms;
using Helpline.Web.State;

namespace Helpline.Web.Hosting;

public static class HelplineEndpoints
{
    /// <summary>Twilio's webhooks, all behind the signature filter, plus health checks.</summary>
    public static WebApplication MapHelplineEndpoints(this WebApplication app)
    {
        var twilio = app.MapGroup("/twilio")
            .AddEndpointFilter<TwilioSignatureFilter>()
            .DisableAntiforgery();

        twilio.MapPost("/sms", (HttpRequest request, SmsWebhook webhook, CancellationToken ct) => webhook.HandleAsync(request, ct))
            .RequireRateLimiting(HelplineServiceCollectionExtensions.PerCallerPolicy);

        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", async (IConversationStore store, CancellationToken ct) =>
            await store.PingAsync(ct) ? Results.Text("ready") : Results.Text("store unavailable", statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }

    public static WebApplication UseHelpline(this WebApplication app)
    {
        app.UseMiddleware<FormReadingMiddleware>();
        app.UseRateLimiter();
        return app;
    }
}

public static class StartupCheckExtensions
{
    /// <summary>Checks secrets and loads (and validates) the content before the first request, so a bad deploy fails loudly.</summary>
    public static WebApplication RunStartupChecks(this WebApplication app)
    {
        StartupChecks.Secrets(app.Configuration, app.Environment, app.Logger);
        _ = app.Services.GetRequiredService<Helpline.Web.Content.ContentSource>();
        _ = app.Services.GetRequiredService<CallerKeys>();
        Helpline.Twilio.TwilioSignatureFilter.WarnIfSkipping(
            app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Helpline.Twilio.TwilioOptions>>().Value, app.Logger);
        return app;
    }
}
