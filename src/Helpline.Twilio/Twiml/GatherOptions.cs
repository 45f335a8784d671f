namespace Helpline.Twilio;

/// <summary>
/// Attributes of <c>&lt;Gather&gt;</c>. Null values, an empty <see cref="Action"/> and Twilio's own defaults
/// (<c>input="dtmf"</c>, <c>method="POST"</c>) are left out of the markup.
/// </summary>
public sealed record GatherOptions(
    string Action,
    string Input = "dtmf",
    int? NumDigits = null,
    int? Timeout = null,
    string? Language = null,
    string? Hints = null,
    string Method = "POST",
    bool? ActionOnEmptyResult = null,
    string? FinishOnKey = null,
    string? SpeechTimeout = null);
