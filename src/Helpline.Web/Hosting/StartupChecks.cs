using System.Text;
using Helpline.Core;
using Helpline.Core.Content;
using Helpline.Core.Validation;
using Helpline.Twilio;
using Helpline.Web.State;

namespace Helpline.Web.Hosting;

/// <summary>Refuse to start half-configured: a helpline that silently 403s every message is worse than one that does not start.</summary>
public static class StartupChecks
{
    /// <summary>Settings are validated by the options validators; this only warns about what Development allows.</summary>
    public static void WarnAboutDevelopmentSettings(TwilioOptions twilio, IHostEnvironment environment, ILogger logger)
    {
        if (environment.IsDevelopment() && string.IsNullOrWhiteSpace(twilio.AuthToken) && !twilio.SkipSignatureValidation)
            logger.LogWarning("Twilio:AuthToken is not set: every webhook will be refused. To try the helpline without a Twilio account set Twilio__SkipSignatureValidation=true (Development only)");
        TwilioSignatureFilter.WarnIfSkipping(twilio, logger);
    }

    public static CallerKeys CallerKeys(HelplineOptions options, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(options.CallerKeySecret)) return new CallerKeys(Encoding.UTF8.GetBytes(options.CallerKeySecret));
        if (!environment.IsDevelopment()) throw new InvalidOperationException("Helpline:CallerKeySecret is required outside Development.");
        return new CallerKeys(State.CallerKeys.LoadOrCreateDevelopmentSecret(options.DataFolder));
    }

    /// <summary>Loads the content and refuses content with validation errors, naming each one.</summary>
    public static ContentBundle LoadContent(string root, Helpline.Core.Voice.AudioSettings? audio = null)
    {
        var content = ContentLoader.Load(root, audio);
        var errors = new ContentValidator(new ValidationOptions()).Validate(content).Where(f => f.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
            throw new ContentException($"content under {root} has {errors.Count} errors:\n" + string.Join("\n", errors));
        return content;
    }
}
