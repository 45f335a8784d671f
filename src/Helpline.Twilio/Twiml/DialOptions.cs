namespace Helpline.Twilio;

/// <summary>Attributes of <c>&lt;Dial&gt;</c>. Null values and <c>method="POST"</c> (Twilio's default) are left out.</summary>
public sealed record DialOptions(
    string? Action = null,
    int? Timeout = null,
    string? CallerId = null,
    string Method = "POST",
    int? TimeLimit = null,
    bool? AnswerOnBridge = null);
