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
/// and the simulator's voice view both follow this one plan.
/// </summary>
public static class VoicePromptPlan
{
    public static List<PlannedPrompt> For(ContentBundle content, PromptAudio audio, IReadOnlyList<Output> outputs, string? culture)
    {
        var locale = content.Locales.Get(culture);
        var prompts = new List<PlannedPrompt>();

        void Speak(Locale l, string? key, string text) => prompts.Add(new(l, key, text, audio.Resolve(l, key)));

        void Choose(Locale l, string labelKey, string label, string digit)
        {
            var pressKey = Keys.Press(digit);
            var press = content.Locales.Text(l.Culture, pressKey);
            // Twilio's voice reads the label and "press N" as one sentence; files are played one after the other.
            var labelSound = audio.Resolve(l, labelKey);
            if (l.Voice.SayLanguage is not null && labelSound.Source == AudioSource.Tts)
            {
                prompts.Add(new(l, labelKey, $"{label} {press}", labelSound));
                return;
            }
            prompts.Add(new(l, labelKey, label, labelSound));
            Speak(l, pressKey, press);
        }

        foreach (var output in outputs)
        {
            switch (output)
            {
                case TextOutput text:
                    Speak(locale, text.Key, text.Text);
                    break;
                case ChoicesOutput menu:
                    foreach (var choice in menu.Choices) Choose(locale, choice.LabelKey, choice.Label, choice.Digit);
                    break;
                case LanguageChoicesOutput languages:
                    foreach (var choice in languages.Choices) Choose(content.Locales.Get(choice.Culture), choice.OfferKey, choice.Offer, choice.Digit);
                    break;
            }
        }
        return prompts;
    }
}
