using Microsoft.Extensions.Logging;
using Moq;
using Helpline.Web.Hosting;
using Helpline.Web.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Helpline.Web.Tests.Sms;

/// <summary>A helpline that would refuse every message, or fall over at its first one, must not start quietly.</summary>
public sealed class StartupTests
{
    private static readonly Dictionary<string, string?> Complete = new()
    {
        ["Twilio:AuthToken"] = HelplineApp.AuthToken,
        ["Twilio:AccountSid"] = HelplineApp.AccountSid,
        ["Helpline:PublicBaseUrl"] = HelplineApp.PublicBaseUrl,
        ["Helpline:CallerKeySecret"] = "secret",
        ["Helpline:ContentRoot"] = HelplineApp.RepoRoot,
        ["Helpline:Store:Provider"] = "Memory",
    };

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Helpline.Web";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    /// <summary>The helpline's services as the host builds them, validated as the host does at start; why it refused, or "".</summary>
    private static string StartFailure(Dictionary<string, string?> settings, string environment = "Production")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Complete).AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddHelplineServices(configuration, new Environment(environment));
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return "";
        }
        catch (OptionsValidationException e)
        {
            return string.Join("\n", e.Failures);
        }
        catch (AggregateException e)
        {
            return string.Join("\n", e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures));
        }
    }

    [Theory]
    [InlineData("Twilio:AuthToken")]
    [InlineData("Twilio:AccountSid")]
    [InlineData("Helpline:CallerKeySecret")]
    [InlineData("Helpline:PublicBaseUrl")]
    public void MissingSecretInProduction_IsRefused_NamingIt(string setting) =>
        Assert.Contains(setting, StartFailure(new() { [setting] = "" }));

    [Theory]
    [InlineData("Helpline:MessagesPerMinute", "-1")]
    [InlineData("Helpline:MessagesPerMinute", "0")]
    [InlineData("Helpline:Store:PurgeInterval", "00:00:00")]
    [InlineData("Helpline:Store:TimeToLive", "-01:00:00")]
    [InlineData("Helpline:Store:Provider", "Postgres")]
    [InlineData("Helpline:IdleReset", "00:00:00")]
    [InlineData("Helpline:SmsSegmentBudget", "0")]
    [InlineData("Helpline:SmsAnswerPageBudget", "0")]
    [InlineData("Helpline:SmsAnswerPageBudget", "5")]
    [InlineData("Helpline:PublicBaseUrl", "helpline.example.org")]
    [InlineData("Twilio:SendAttempts", "0")]
    [InlineData("Twilio:SendTimeout", "00:00:00")]
    [InlineData("Twilio:MaxRequestBodyBytes", "100000000")]
    [InlineData("Twilio:SkipSignatureValidation", "true")]
    public void BadValue_StopsTheStart_WithAMessageNamingTheSetting(string setting, string value)
    {
        var failure = StartFailure(new() { [setting] = value });
        Assert.Contains(setting, failure);
        Assert.Contains("README", failure);
    }

    [Fact]
    public void MarkingLanguagesUnderReview_WithDraftsNotServed_StopsTheStart_NamingBothSettings()
    {
        // Marks are worked out over the texts served: with drafts off nothing would ever be marked.
        var failure = StartFailure(new() { ["Helpline:MarkLanguagesUnderReview"] = "true", ["Helpline:ServeMachineDraftTranslations"] = "false" });
        Assert.Contains("Helpline:MarkLanguagesUnderReview", failure);
        Assert.Contains("Helpline:ServeMachineDraftTranslations is false", failure);
    }

    [Fact]
    public void MarkingLanguagesUnderReview_WithDraftsServed_Starts() =>
        Assert.Equal("", StartFailure(new() { ["Helpline:MarkLanguagesUnderReview"] = "true" }));

    [Fact]
    public void TheContentIsValidated_WithTheMarksAsServed()
    {
        // The validator measures the marked menu and the review note only if it is told the setting.
        var validation = StartupChecks.ContentValidation(new HelplineOptions { MarkLanguagesUnderReview = true }, new Environment("Production"), TimeProvider.System);
        Assert.True(validation.MarkLanguagesUnderReview);
        Assert.False(StartupChecks.ContentValidation(new HelplineOptions(), new Environment("Production"), TimeProvider.System).MarkLanguagesUnderReview);
    }

    [Fact]
    public void SeveralBadValues_AreAllNamed_AtOnce()
    {
        var failure = StartFailure(new() { ["Helpline:MessagesPerMinute"] = "-1", ["Helpline:Store:PurgeInterval"] = "0" });
        Assert.Contains("Helpline:MessagesPerMinute must be at least 1 (it is -1)", failure);
        Assert.Contains("Helpline:Store:PurgeInterval", failure);
    }

    [Fact]
    public void MissingSecretsInDevelopment_AreAllowed() => Assert.Equal("", StartFailure(new()
    {
        ["Twilio:AuthToken"] = "",
        ["Twilio:AccountSid"] = "",
        ["Helpline:CallerKeySecret"] = "",
        ["Helpline:PublicBaseUrl"] = "",
    }, "Development"));

    [Fact]
    public void MissingAuthTokenInDevelopment_WarnsThatWebhooksWillBeRefused()
    {
        var logger = new Mock<ILogger>();
        StartupChecks.WarnAboutDevelopmentSettings(new Helpline.Twilio.TwilioOptions(), new Environment(Environments.Development), logger.Object);
        Assert.Single(logger.Invocations, i => i.Method.Name == nameof(ILogger.Log) && (LogLevel)i.Arguments[0] == LogLevel.Warning
            && i.Arguments[2].ToString()!.Contains("Twilio:AuthToken is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void CompleteSettings_Start() => Assert.Equal("", StartFailure([]));

    [Fact]
    public void TheApp_WithoutItsAuthToken_DoesNotStart()
    {
        using var app = new HelplineApp(new() { ["Twilio:AuthToken"] = "" });
        Assert.ThrowsAny<Exception>(() => app.CreateClient());
    }
}
