using Microsoft.Extensions.Logging;
using Moq;
using Helpline.Web.Hosting;
using Helpline.Web.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Helpline.Web.Tests.Sms;

/// <summary>A helpline that would refuse every message must not start quietly.</summary>
public sealed class StartupTests
{
    private static readonly Dictionary<string, string?> Complete = new()
    {
        ["Twilio:AuthToken"] = "token",
        ["Twilio:AccountSid"] = "AC1",
        ["Helpline:CallerKeySecret"] = "secret",
    };

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Helpline.Web";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static void Check(Dictionary<string, string?> settings, string environment) =>
        StartupChecks.Secrets(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new Environment(environment), NullLogger.Instance);

    [Theory]
    [InlineData("Twilio:AuthToken")]
    [InlineData("Twilio:AccountSid")]
    [InlineData("Helpline:CallerKeySecret")]
    public void MissingSecretInProduction_IsRefused_NamingIt(string setting)
    {
        var settings = new Dictionary<string, string?>(Complete) { [setting] = "" };
        var error = Assert.Throws<InvalidOperationException>(() => Check(settings, Environments.Production));
        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void MissingSecretsInDevelopment_AreAllowed_WithAWarningThatWebhooksWillBeRefused()
    {
        var logger = new Mock<ILogger>();
        StartupChecks.Secrets(new ConfigurationBuilder().AddInMemoryCollection([]).Build(), new Environment(Environments.Development), logger.Object);
        Assert.Single(logger.Invocations, i => i.Method.Name == nameof(ILogger.Log) && (LogLevel)i.Arguments[0] == LogLevel.Warning
            && i.Arguments[2].ToString()!.Contains("Twilio:AuthToken is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void SkippingSignaturesOutsideDevelopment_IsRefused()
    {
        var settings = new Dictionary<string, string?>(Complete) { ["Twilio:SkipSignatureValidation"] = "true" };
        Assert.Throws<InvalidOperationException>(() => Check(settings, Environments.Production));
    }

    [Fact]
    public void TheApp_WithoutItsAuthToken_DoesNotStart()
    {
        using var app = new HelplineApp(new() { ["Twilio:AuthToken"] = "" });
        Assert.ThrowsAny<Exception>(() => app.CreateClient());
    }
}
