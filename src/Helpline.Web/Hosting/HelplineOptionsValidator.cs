using Helpline.Twilio;
using Microsoft.Extensions.Options;

namespace Helpline.Web.Hosting;

/// <summary>
/// Checks the "Helpline" settings when the host starts (ValidateOnStart): a value that would throw on
/// the first message, or kill the host later, stops it at start with a message naming the setting.
/// </summary>
public sealed class HelplineOptionsValidator(IHostEnvironment environment) : IValidateOptions<HelplineOptions>
{
    public ValidateOptionsResult Validate(string? name, HelplineOptions options)
    {
        var errors = new List<string>();
        const string section = HelplineOptions.SectionName;
        if (options.MessagesPerMinute < 1) errors.Add($"{section}:MessagesPerMinute must be at least 1 (it is {options.MessagesPerMinute})");
        if (options.SmsSegmentBudget is < 1 or > 10) errors.Add($"{section}:SmsSegmentBudget must be between 1 and 10 (it is {options.SmsSegmentBudget})");
        if (options.SmsAnswerPageBudget < 1 || options.SmsAnswerPageBudget > options.SmsSegmentBudget)
            errors.Add($"{section}:SmsAnswerPageBudget must be between 1 and SmsSegmentBudget ({options.SmsSegmentBudget}) (it is {options.SmsAnswerPageBudget})");
        if (options.StaleAfterDays < 1) errors.Add($"{section}:StaleAfterDays must be at least 1 (it is {options.StaleAfterDays})");
        if (options.IdleReset <= TimeSpan.Zero) errors.Add($"{section}:IdleReset must be longer than zero (it is {options.IdleReset})");
        if (string.IsNullOrWhiteSpace(options.DataFolder)) errors.Add($"{section}:DataFolder must name a folder");
        if (options.Store.TimeToLive <= TimeSpan.Zero) errors.Add($"{section}:Store:TimeToLive must be longer than zero (it is {options.Store.TimeToLive})");
        if (options.Store.PurgeInterval <= TimeSpan.Zero) errors.Add($"{section}:Store:PurgeInterval must be longer than zero (it is {options.Store.PurgeInterval})");
        if (!new[] { "sqlite", "memory", "redis" }.Contains(options.Store.Provider?.ToLowerInvariant()))
            errors.Add($"{section}:Store:Provider must be Sqlite, Memory or Redis (it is '{options.Store.Provider}')");
        if (string.IsNullOrWhiteSpace(options.Store.SqlitePath)) errors.Add($"{section}:Store:SqlitePath must name a file");
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl) && !IsHttpUrl(options.PublicBaseUrl))
            errors.Add($"{section}:PublicBaseUrl must be an absolute http or https URL such as https://helpline.example.org (it is '{options.PublicBaseUrl}')");

        // Marks are worked out over the texts served: with drafts not served every served text is reviewed, and the
        // operator who asked for marks would silently get none.
        if (options.MarkLanguagesUnderReview && !options.ServeMachineDraftTranslations)
            errors.Add($"{section}:MarkLanguagesUnderReview marks languages whose unreviewed texts are served, but {section}:ServeMachineDraftTranslations is false, so none is served and nothing would be marked: turn one of them off");

        foreach (var proxy in options.TrustedProxies.Where(p => !ForwardedHeadersSetup.TryParse(p, out _)))
            errors.Add($"{section}:TrustedProxies has '{proxy}', which is neither an IP address nor a network such as 10.0.0.0/24");

        if (!environment.IsDevelopment())
        {
            if (string.IsNullOrWhiteSpace(options.CallerKeySecret))
                errors.Add($"{section}:CallerKeySecret ({section}__CallerKeySecret) is required outside Development");
            // Without it the signed URL would be rebuilt from the request's Host header, which the sender chooses.
            if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
                errors.Add($"{section}:PublicBaseUrl ({section}__PublicBaseUrl) is required outside Development: the URL Twilio calls, e.g. https://helpline.example.org");
        }
        return Result(errors);
    }

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && string.IsNullOrEmpty(uri.Query);

    internal static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => e + ". See README, 'Run in production'."));
}

/// <summary>The "Twilio" settings as this host needs them: secrets outside Development, sane retry and size limits.</summary>
public sealed class TwilioOptionsValidator(IHostEnvironment environment) : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var errors = new List<string>();
        const string section = TwilioOptions.SectionName;
        if (options.SendAttempts < 1) errors.Add($"{section}:SendAttempts must be at least 1 (it is {options.SendAttempts})");
        if (options.SendTimeout <= TimeSpan.Zero) errors.Add($"{section}:SendTimeout must be longer than zero (it is {options.SendTimeout})");
        if (options.RetryBaseDelay < TimeSpan.Zero) errors.Add($"{section}:RetryBaseDelay must not be negative (it is {options.RetryBaseDelay})");
        if (options.MaxRequestBodyBytes is < 4 * 1024 or > 1024 * 1024)
            errors.Add($"{section}:MaxRequestBodyBytes must be between 4096 and 1048576 (it is {options.MaxRequestBodyBytes})");
        if (!HelplineOptionsValidator.IsHttpUrl(options.ApiBaseUrl)) errors.Add($"{section}:ApiBaseUrl must be an absolute http or https URL (it is '{options.ApiBaseUrl}')");

        if (!environment.IsDevelopment())
        {
            if (options.SkipSignatureValidation) errors.Add($"{section}:SkipSignatureValidation is only allowed in Development: remove it");
            if (string.IsNullOrWhiteSpace(options.AuthToken)) errors.Add($"{section}:AuthToken ({section}__AuthToken) is required outside Development");
            if (string.IsNullOrWhiteSpace(options.AccountSid)) errors.Add($"{section}:AccountSid ({section}__AccountSid) is required outside Development");
        }
        return HelplineOptionsValidator.Result(errors);
    }
}
