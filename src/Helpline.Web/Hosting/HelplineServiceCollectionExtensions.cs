using System.Threading.RateLimiting;
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
    public const string PerCallerPolicy = "per-caller";

    /// <summary>Everything the webhooks need, configured from "Helpline" and "Twilio"; refuses to start without its secrets.</summary>
    public static IServiceCollection AddHelplineServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<HelplineOptions>().Bind(configuration.GetSection(HelplineOptions.SectionName))
            .PostConfigure(options =>
            {
                // Relative folders are under the content root (the repository in development, /app in the container).
                options.ContentRoot = ContentLoader.FindRoot(options.ContentRoot);
                if (!Path.IsPathRooted(options.DataFolder)) options.DataFolder = Path.Combine(options.ContentRoot, options.DataFolder);
            });
        services.AddTwilioAdapter(configuration);
        services.PostConfigure<TwilioOptions>(twilio =>
        {
            var publicBase = configuration[$"{HelplineOptions.SectionName}:PublicBaseUrl"];
            if (!string.IsNullOrWhiteSpace(publicBase)) twilio.PublicBaseUrl = publicBase;
        });
        services.TryAddSingletonTimeProvider();

        services.AddSingleton(sp => StartupChecks.CallerKeys(sp.GetRequiredService<IOptions<HelplineOptions>>().Value, environment));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<HelplineOptions>>();
            return new ContentSource(StartupChecks.LoadContent(options.Value.ContentRoot!), sp.GetRequiredService<TimeProvider>(), options);
        });
        services.AddSingleton<IConversationStore>(sp => CreateStore(sp.GetRequiredService<IOptions<HelplineOptions>>().Value, sp.GetRequiredService<TimeProvider>(), configuration.GetConnectionString("Redis")));
        services.AddSingleton<ConversationTurns>();
        services.AddSingleton<FallbackReplies>();
        services.AddSingleton<SmsWebhook>();
        services.AddTransient<Voice.VoiceWebhook>(); // holds a typed HttpClient: not a singleton
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

        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PerCallerPolicy, context => RateLimitPartition.GetSlidingWindowLimiter(
                CallerPartition.For(context),
                _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<HelplineOptions>>().Value.MessagesPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                }));
            limiter.OnRejected = CallerPartition.RejectQuietly;
        });
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

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(s => s.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
