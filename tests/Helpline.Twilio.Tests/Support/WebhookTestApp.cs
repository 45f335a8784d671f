using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Helpline.Twilio.Tests.Support;

/// <summary>
/// A real minimal-API app on loopback with a webhook group guarded by <see cref="TwilioSignatureFilter"/>,
/// wired through <see cref="TwilioServiceCollectionExtensions.AddTwilioAdapter"/> as the host will be.
/// </summary>
public sealed class WebhookTestApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookTestApp(WebApplication app, RecordingLoggerProvider logs)
    {
        this.app = app;
        Logs = logs;
        BaseUrl = app.Urls.First();
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    /// <summary>"http://127.0.0.1:{port}", as the app sees its own requests.</summary>
    public string BaseUrl { get; }

    public HttpClient Client { get; }

    public RecordingLoggerProvider Logs { get; }

    public static async Task<WebhookTestApp> StartAsync(IDictionary<string, string?> twilioSettings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new RecordingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(twilioSettings.ToDictionary(s => $"Twilio:{s.Key}", s => s.Value));
        builder.Services.AddTwilioAdapter(builder.Configuration);

        var app = builder.Build();
        var webhooks = app.MapGroup("/twilio").AddEndpointFilter<TwilioSignatureFilter>().DisableAntiforgery();
        // Binds the form before the filter runs, as real handlers will.
        webhooks.MapPost("/sms", (IFormCollection form) => new TwimlResponse().Message($"Got: {form["Body"]}").ToResult());
        webhooks.MapPost("/events", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            return Results.Text(await reader.ReadToEndAsync());
        });
        webhooks.MapGet("/voice", () => new TwimlResponse().Say("hello").ToResult());

        await app.StartAsync();
        return new WebhookTestApp(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
