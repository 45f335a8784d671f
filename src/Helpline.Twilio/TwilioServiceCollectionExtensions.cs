using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Helpline.Twilio;

public static class TwilioServiceCollectionExtensions
{
    /// <summary>Options from the "Twilio" section, the webhook signature filter and the SMS client.</summary>
    public static IServiceCollection AddTwilioAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection(TwilioOptions.SectionName));
        services.TryAddSingleton<TwilioSignatureFilter>();
        services.TryAddSingleton(TimeProvider.System);
        // TwilioOptions.SendTimeout governs each attempt; HttpClient's 100 s default would cut across it.
        services.AddHttpClient<TwilioMessagesClient>(client => client.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }
}
