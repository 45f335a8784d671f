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

    /// <summary>Loads the content and refuses content with validation errors, naming each one; in production
    /// an answer whose facts are past their verification limit is refused or flagged, per Helpline:StaleFacts.</summary>
    public static ContentBundle LoadContent(string root, Helpline.Core.Voice.AudioSettings? audio = null, ValidationOptions? validation = null, ILogger? logger = null)
    {
        var content = ContentLoader.Load(root, audio);
        validation ??= new ValidationOptions();
        var errors = new ContentValidator(validation).Validate(content).Where(f => f.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
            throw new ContentException($"content under {root} has {errors.Count} errors:\n" + string.Join("\n", errors));
        if (validation is { Production: true, StaleInProduction: StaleContentMode.Flag } && logger is not null)
        {
            foreach (var answer in StaleAnswers.Find(content, validation.Today, validation.StaleAfterDays))
                logger.LogWarning("Serving answer {File} node {Node} although its facts are past the verification limit ({Facts}): verify them with helpline verify fact <id>",
                    answer.File, answer.Node, string.Join(", ", answer.Facts.Select(f => $"{f.Id}: {f.Why}")));
            foreach (var (organization, why) in StaleAnswers.Entries(content, validation.Today, validation.StaleAfterDays))
                logger.LogWarning("Showing directory entry {Organization} although it is past the verification limit ({Why}): verify it with helpline verify entry <id>", organization.Id, why);
        }
        return content;
    }

    /// <summary>How the running helpline validates its content: production rules outside Development, today by the host's clock.</summary>
    public static ValidationOptions ContentValidation(HelplineOptions options, IHostEnvironment environment, TimeProvider time) => new()
    {
        Production = !environment.IsDevelopment(),
        StaleInProduction = options.StaleFacts,
        StaleAfterDays = options.StaleAfterDays,
        MarkLanguagesUnderReview = options.MarkLanguagesUnderReview,
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
    };
}
