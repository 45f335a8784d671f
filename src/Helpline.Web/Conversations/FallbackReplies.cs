using Helpline.Core.Channels;
using Helpline.Core.Engine;
using Helpline.Twilio;
using Helpline.Web.Content;
using Helpline.Web.Voice;

namespace Helpline.Web.Conversations;

/// <summary>
/// The degraded reply when a turn cannot be completed (the store is down, a bug), rendered for each
/// channel from the engine's one fallback (<see cref="ConversationEngine.Fallback"/>): an apology,
/// where to find free legal help, and the language menu. Never a 500: Twilio would otherwise send or
/// say its own English error.
/// </summary>
public sealed class FallbackReplies(ContentSource content, CallRenderers calls)
{
    /// <summary>The degraded SMS or WhatsApp reply, as TwiML.</summary>
    public string SmsDegraded(string? culture, Channel channel) =>
        new TwimlResponse().Message(SmsRenderer.Render(content.Engine().Fallback(culture, channel))).ToString();

    /// <summary>The degraded call turn, as TwiML: said in the caller's language when it is known, else English.</summary>
    /// <param name="step">The call's step, carried in the action URLs as on any turn.</param>
    /// <param name="callerId">The helpline's own number (the call's To).</param>
    public string VoiceDegraded(string? culture, int step, string? callerId)
    {
        var renderer = calls.Current();
        var known = culture is not null && renderer.Content.Locales.Has(culture) ? culture : null;
        return renderer.Render(content.Engine().Fallback(known, Channel.Voice), known ?? "en", step, callerId);
    }
}
