using Helpline.Core.Channels;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Localization;
using Helpline.Core.Voice;

namespace Helpline.Web.Voice;

/// <summary>One prompt of a call turn: what is said, in which locale, and where its sound comes from.</summary>
public sealed record PlannedPrompt(Locale Locale, string? Key, string Text, PromptSound Sound)
{
    /// <summary>Where a recording or stand-in is served (see <see cref="VoiceRenderer.AudioPath"/>); null for Twilio's voice or nothing.</summary>
    public string? AudioUrl => Sound.File is null ? null
        : $"{VoiceRenderer.AudioPath}/{Uri.EscapeDataString(Locale.Culture)}/{Uri.EscapeDataString(Path.GetFileName(Sound.File))}";
}

/// <summary>
/// The prompts of a call turn in the order a caller hears them: the call's TwiML (<see cref="VoiceRenderer"/>)
/// and the simulator's voice view both follow this one plan, which is <see cref="CallPrompts"/> (the content
/// report times calls with it too).
/// </summary>
public static class VoicePromptPlan
{
    public static List<PlannedPrompt> For(ContentBundle content, PromptAudio audio, IReadOnlyList<Output> outputs, string? culture) =>
        [.. CallPrompts.Of(content, audio, outputs, culture).Select(p => new PlannedPrompt(p.Locale, p.Key, p.Text, p.Sound))];
}
