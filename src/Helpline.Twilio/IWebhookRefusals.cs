namespace Helpline.Twilio;

/// <summary>
/// Where <see cref="TwilioSignatureFilter"/> reports a refused request. A flood of forged requests must
/// not become a flood of log lines: the host counts refusals and logs them in aggregate. Without one
/// registered, the filter logs each refusal.
/// </summary>
public interface IWebhookRefusals
{
    /// <summary>One refused request; <paramref name="reason"/> is one of <see cref="WebhookRefusal"/>'s words, never anything from the request.</summary>
    void Refused(string reason);
}

/// <summary>Why a webhook request was refused: a small fixed set, safe as a metric label.</summary>
public static class WebhookRefusal
{
    /// <summary>No signature header, or one that cannot be a signature.</summary>
    public const string Unsigned = "unsigned";
    /// <summary>A signature that does not match the request.</summary>
    public const string BadSignature = "bad-signature";
    /// <summary>Twilio:AuthToken is not configured, so nothing can be checked.</summary>
    public const string NotConfigured = "not-configured";
    /// <summary>A body over the webhook limit.</summary>
    public const string TooLarge = "too-large";
    /// <summary>A body that is not a form Twilio would send (unparseable, too many fields, multipart).</summary>
    public const string Malformed = "malformed";
    /// <summary>A signed request whose body is not a form, on a route that takes forms.</summary>
    public const string NotAForm = "not-a-form";
    /// <summary>A signed message past its sender's per-minute limit.</summary>
    public const string OverCallerLimit = "over-caller-limit";

    public static IReadOnlyList<string> All { get; } = [Unsigned, BadSignature, NotConfigured, TooLarge, Malformed, NotAForm, OverCallerLimit];
}
