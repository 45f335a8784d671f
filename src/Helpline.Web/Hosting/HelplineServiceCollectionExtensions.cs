using Microsoft.Extensions.DependencyInjection.Extensions;
using Helpline.Core.Content;
using Helpline.Twilio;
using Helpline.Web.Content;
using Helpline.Web.Conversations;
using Helpline.Web.Sms;
using Helpline.Web.State;
using Microsoft.Extensions.Options;

namespace Helpline.Web.Hosting;

public static class HelplineServiceCollectionExtensions
{
    /// <summary>Everything the webhooks need, configured from "Helpline" and "Twilio"; refuses to start without its secrets.</summary>
    public static IServiceCollection AddHelplineServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<HelplineOptions>().Bind(configuration.GetSection(HelplineOptions.SectionName))
            .PostConfigure(options =>
            {
                // Relative folders are under the content root (the repository in development, /app in the container).
                options.ContentRoot = ContentLoader.FindRoot(options.ContentRoot);
                if (!string.IsNullOrWhiteSpace(options.DataFolder) && !Path.IsPathRooted(options.DataFolder)) options.DataFolder = Path.Combine(options.ContentRoot, options.DataFolder);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HelplineOptions>>(new HelplineOptionsValidator(environment));
        // Stand-ins of a text a reviewer just edited are spoken again (Dari, Pashto, Haitian: no Twilio voice).
        services.TryAddSingleton<Helpline.Core.Voice.ISpeechSynthesizer>(new Helpline.Core.Voice.EspeakSpeechSynthesizer());
        services.AddTwilioAdapter(configuration);
        services.AddOptions<TwilioOptions>()
            .PostConfigure<IOptions<HelplineOptions>>((twilio, helpline) =>
            {
                // One setting for both: the signed URL is rebuilt from the helpline's public base URL.
                if (!string.IsNullOrWhiteSpace(helpline.Value.PublicBaseUrl)) twilio.PublicBaseUrl = helpline.Value.PublicBaseUrl;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwilioOptions>>(new TwilioOptionsValidator(environment));

        services.AddSingleton(sp => StartupChecks.CallerKeys(sp.GetRequiredService<IOptions<HelplineOptions>>().Value, environment));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<HelplineOptions>>();
            var time = sp.GetRequiredService<TimeProvider>();
            var content = StartupChecks.LoadContent(options.Value.ContentRoot!, options.Value.Audio,
                StartupChecks.ContentValidation(options.Value, environment, time), sp.GetRequiredService<ILogger<ContentSource>>());
            return new ContentSource(content, time, options);
        });
        services.AddSingleton<IConversationStore>(sp => CreateStore(sp.GetRequiredService<IOptions<HelplineOptions>>().Value, sp.GetRequiredService<TimeProvider>(), configuration.GetConnectionString("Redis")));
        services.AddSingleton<CallerErasure>();
        services.AddSingleton<ConversationTurns>();
        services.AddSingleton<FallbackReplies>();
        services.AddSingleton<SmsWebhook>();
        services.AddSingleton<Voice.VoiceWebhook>();
        services.AddSingleton<Voice.CallRenderers>();
        services.AddSingleton<Voice.TextMeQueue>();
        services.AddSingleton(sp => new Voice.TextMeSender(sp.GetRequiredService<Voice.TextMeQueue>(), () => sp.GetRequiredService<TwilioMessagesClient>(),
            sp.GetRequiredService<Metrics.HelplineMetrics>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Voice.TextMeSender>>()));
        services.AddHostedService(sp => sp.GetRequiredService<Voice.TextMeSender>());
        Metrics.MetricsEndpoints.AddHelplineMetrics(services);
        services.AddHostedService<ExpiredStatePurger>();
        services.AddSingleton<IContentChanges, FileSystemContentChanges>();
        services.AddSingleton<ContentReloader>();
        services.AddHostedService(sp => sp.GetRequiredService<ContentReloader>());

        services.AddHelplineHealthChecks();
        services.AddSingleton<CallerRateLimiter>();
        services.AddSingleton<RefusalLog>();
        services.AddSingleton<IWebhookRefusals>(sp => sp.GetRequiredService<RefusalLog>());
        return services;
    }

    private static IConversationStore CreateStore(HelplineOptions options, TimeProvider time, string? redisConnectionString) => options.Store.Provider.ToLowerInvariant() switch
    {
        "sqlite" => new SqliteConversationStore(Path.Combine(options.DataFolder, options.Store.SqlitePath), time),
        "memory" => new MemoryConversationStore(time),
        "redis" => string.IsNullOrWhiteSpace(redisConnectionString)
            ? throw new InvalidOperationException("Helpline:Store:Provider is Redis but ConnectionStrings:Redis (ConnectionStrings__Redis) is not set")
            : RedisConversationStore.Connect(redisConnectionString),
        var other => throw new InvalidOperationException($"Helpline:Store:Provider '{other}' is not known: use Sqlite, Memory or Redis"),
    };
}
