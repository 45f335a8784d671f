namespace Helpline.Twilio;

/// <summary>Settings for talking to Twilio, bound from the "Twilio" configuration section.</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <summary>Signs webhooks and authenticates REST calls. Keep it in secrets, never in appsettings.</summary>
    public string AuthToken { get; set; } = "";

    public string AccountSid { get; set; } = "";

    /// <summary>Configurable so tests can point the client at a real HTTP server on loopback.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>Development only: lets unsigned webhooks through. Off by default.</summary>
    public bool SkipSignatureValidation { get; set; }

    /// <summary>
    /// The URL Twilio calls (e.g. "https://helpline.example.org"). Behind a reverse proxy the app sees
    /// another scheme and host, so the signed URL has to be rebuilt from this.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The largest webhook body accepted, in bytes. Twilio's webhooks are a few KB (an SMS of 1,600
    /// characters, percent-encoded, is at most ~20 KB); anything bigger is refused before it is read.
    /// </summary>
    public int MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    public const int DefaultMaxRequestBodyBytes = 64 * 1024;

    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int SendAttempts { get; set; } = 3;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
