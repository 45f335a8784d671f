namespace Helpline.Web.Voice;

/// <summary>
/// A call's confirmed "text me this", waiting to be sent. The caller's number is held in memory only
/// for as long as it waits: it is never logged, stored or counted.
/// </summary>
/// <param name="CallSid">Twilio's id of the call, to tie the outcome's log event to the call's turns.</param>
/// <param name="To">The caller's number.</param>
/// <param name="From">The helpline's number the caller rang.</param>
/// <param name="Messages">The SMS messages, each within the segment budget.</param>
public sealed record TextMeRequest(string CallSid, string To, string From, IReadOnlyList<string> Messages);
