using Helpline.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Helpline.Twilio.Tests.Support.TestParameters;

namespace Helpline.Twilio.Tests;

public sealed class TwilioServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTwilioAdapter_BindsTheTwilioSection()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:AccountSid"] = AccountSid,
            ["Twilio:PublicBaseUrl"] = "https://helpline.example.org",
            ["Twilio:SkipSignatureValidation"] = "true",
            ["Twilio:SendTimeout"] = "00:00:05",
            ["Twilio:SendAttempts"] = "5",
            ["Twilio:RetryBaseDelay"] = "00:00:00.250",
        });

        var options = services.GetRequiredService<IOptions<TwilioOptions>>().Value;

        Assert.Equal(AuthToken, options.AuthToken);
        Assert.Equal(AccountSid, options.AccountSid);
        Assert.Equal("https://helpline.example.org", options.PublicBaseUrl);
        Assert.True(options.SkipSignatureValidation);
        Assert.Equal(TimeSpan.FromSeconds(5), options.SendTimeout);
        Assert.Equal(5, options.SendAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.RetryBaseDelay);
    }

    [Fact]
    public void AddTwilioAdapter_EmptySection_KeepsSafeDefaults()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<TwilioOptions>>().Value;

        Assert.Equal("https://api.twilio.com", options.ApiBaseUrl);
        Assert.False(options.SkipSignatureValidation);
        Assert.Null(options.PublicBaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(10), options.SendTimeout);
        Assert.Equal(3, options.SendAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.RetryBaseDelay);
    }

    [Fact]
    public void AddTwilioAdapter_RegistersTheFilterTheClientAndTheSystemClock()
    {
        using var services = Build([]);

        // The filter is one shared instance; the client is a typed HttpClient, made anew from the factory each time.
        Assert.Same(services.GetRequiredService<TwilioSignatureFilter>(), services.GetRequiredService<TwilioSignatureFilter>());
        Assert.NotSame(services.GetRequiredService<TwilioMessagesClient>(), services.GetRequiredService<TwilioMessagesClient>());
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddTwilioAdapter_KeepsATimeProviderRegisteredBefore()
    {
        var clock = new FakeTimeProvider();
        var collection = new ServiceCollection().AddSingleton<TimeProvider>(clock);

        using var services = collection.AddLogging().AddTwilioAdapter(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.Same(clock, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task AddTwilioAdapter_ClientFromTheContainer_SendsToTheConfiguredApi()
    {
        await using var api = await LoopbackTwilioApi.StartAsync(AccountSid, AuthToken);
        using var services = Build(new Dictionary<string, string?>
        {
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:AccountSid"] = AccountSid,
            ["Twilio:ApiBaseUrl"] = api.BaseUrl + "/",
        });

        var result = await services.GetRequiredService<TwilioMessagesClient>().SendAsync(CallerNumber, HelplineNumber, "hello");

        Assert.True(result.Sent);
        Assert.Equal(new SentSms(CallerNumber, HelplineNumber, "hello"), await api.WaitForMessageAsync(GenerousWait));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddTwilioAdapter(configuration).BuildServiceProvider();
    }
}
