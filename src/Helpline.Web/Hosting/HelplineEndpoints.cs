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
        // In this order: nothing per caller (limits, state, logs) is touched before the signature is checked.
        var twilio = app.MapGroup("/twilio")
            .AddEndpointFilter<TwilioSignatureFilter>()
            .AddEndpointFilter<FormWebhookFilter>()
            .DisableAntiforgery();

        twilio.MapPost("/sms", (HttpRequest request, SmsWebhook webhook, CancellationToken ct) => webhook.HandleAsync(request, ct))
            .AddEndpointFilter<CallerRateLimitFilter>();

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

        app.MapHelplineHealthChecks();
        Metrics.MetricsEndpoints.MapHelplineMetrics(app);
        Simulator.SimulatorEndpoints.MapSimulator(app);
        Review.ReviewEndpoints.MapTranslationReview(app);
        return app;
    }

    /// <summary>Middleware before routing. Rate limits and form reading are endpoint filters, after the signature check.</summary>
    public static WebApplication UseHelpline(this WebApplication app)
    {
        // Behind a TLS-terminating proxy: X-Forwarded-For/-Proto are believed only from the proxies configured.
        if (ForwardedHeadersSetup.For(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HelplineOptions>>().Value) is { } forwarded)
            app.UseForwardedHeaders(forwarded);
        return app;
    }
}

public static class StartupCheckExtensions
{
    /// <summary>Checks secrets and loads (and validates) the content before the first request, so a bad deploy fails loudly.</summary>
    public static WebApplication RunStartupChecks(this WebApplication app)
    {
        // Reading the options validates them (each bad value named) before anything else is built.
        var twilio = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TwilioOptions>>().Value;
        _ = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HelplineOptions>>().Value;
        StartupChecks.WarnAboutDevelopmentSettings(twilio, app.Environment, app.Logger);
        _ = app.Services.GetRequiredService<Helpline.Web.Content.ContentSource>();
        _ = app.Services.GetRequiredService<CallerKeys>();
        _ = app.Services.GetRequiredService<IConversationStore>();
        return app;
    }
}
