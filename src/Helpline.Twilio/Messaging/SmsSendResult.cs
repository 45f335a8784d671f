namespace Helpline.Twilio;

/// <summary>
/// What became of one send. <see cref="Error"/> is a short code-like text ("twilio-error 21610", "http-503",
/// "timeout"), never Twilio's message, which can echo the phone number.
/// </summary>
public sealed record SmsSendResult(bool Sent, string? Sid, int? Segments, int? StatusCode, string? Error);
