using Helpline.Twilio;
using Helpline.Core.Voice;
using Helpline.Web.Content;
using Helpline.Web.Sms;
using Helpline.Web.Voice;
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

        var voice = twilio.MapGroup("/voice");
        voice.MapPost("", (HttpRequest request, VoiceWebhook webhook, CancellationToken ct) => webhook.CallStartedAsync(request, ct));
        voice.MapPost("/gather", (HttpRequest request, VoiceWebhook webhook, CancellationToken ct) => webhook.GatherAsync(request, ct));
        voice.MapPost("/silence", (HttpRequest request, VoiceWebhook webhook, CancellationToken ct) => webhook.SilenceAsync(request, ct));
        voice.MapPost("/dial", (HttpRequest request, VoiceWebhook webhook, CancellationToken ct) => webhook.DialEndedAsync(request, ct));

        // Recordings and stand-ins for <Play>; Twilio fetches them with a plain GET.
        app.MapGet(VoiceRenderer.AudioPath + "/{culture}/{file}", (string culture, string file, ContentSource content) =>
        {
            var current = content.Current;
            if (!current.Locales.Has(culture) || !PromptAudio.IsSafeFileName(file)) return Results.NotFound();
            var path = Path.Combine(current.AudioFolder, current.Locales.Get(culture).Culture, file);
            if (!File.Exists(path)) return Results.NotFound();
            return Results.File(path, file.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase) ? "audio/mpeg" : "audio/wav");
        });

        app.MapGet("/healthz", () => Results.Text("ok"));
        // Ready means conversations can be remembered; a refused content edit is reported but the last good content serves.
        app.MapGet("/readyz", async (IConversationStore store, ContentSource content, CancellationToken ct) =>
        {
            var storeUp = await store.PingAsync(ct);
            return Results.Json(
                new
                {
                    store = storeUp ? "ok" : "unavailable",
                    content = new { loadedAt = content.LoadedAt, lastRefusal = content.LastRefusal },
                },
                statusCode: storeUp ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        Metrics.MetricsEndpoints.MapHelplineMetrics(app);
        Simulator.SimulatorEndpoints.MapSimulator(app);
        Review.ReviewEndpoints.MapTranslationReview(app);
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
