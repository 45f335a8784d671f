using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Localization;
using Helpline.Core.Voice;

namespace Helpline.Core.Channels;

/// <summary>One prompt of a call turn: what is said, in which locale, and where its sound comes from.</summary>
public sealed record CallPrompt(Locale Locale, string? Key, string Text, PromptSound Sound)
{
    /// <summary>The digit this prompt offers, when it is part of a menu choice (its label, "press N", or the words around them).</summary>
    public string? Digit { get; init; }
}

/// <summary>
/// The prompts of a call turn in the order a caller hears them. The call's TwiML, the simulator's voice view and
/// the voice timing in the content report all follow this one plan.
/// </summary>
public static class CallPrompts
{
    public static List<CallPrompt> Of(ContentBundle content, PromptAudio audio, IReadOnlyList<Output> outputs, string? culture)
    {
        var locale = content.Locales.Get(culture);
        var prompts = new List<CallPrompt>();

        void Speak(Locale l, string? key, string text) => prompts.Add(new(l, key, text, audio.Resolve(l, key)));

        void Choose(Locale l, string labelKey, string label, string digit, bool languageOffer)
        {
            var pressKey = Keys.Press(digit);
            var press = content.Locales.Text(l.Culture, pressKey);
            var labelSound = audio.Resolve(l, labelKey);
            // A language offer already says "For English," in its own words; a menu choice is "for X, press N"
            // in the locale's word order (voice.option), or "X, press N" where the locale has no template of its own.
            var pieces = languageOffer ? null : OptionParts.Of(content.Locales, l);
            // Twilio's voice reads a menu choice as one sentence, "For X, press N" (the topic first, then its key).
            if (l.Voice.SayLanguage is not null && labelSound.Source == AudioSource.Tts)
            {
                var sentence = pieces is null ? $"{label} {press}" : content.Locales.Text(l.Culture, OptionParts.TemplateKey, label, press);
                prompts.Add(new(l, labelKey, sentence, labelSound) { Digit = digit });
                return;
            }
            // Files are played one after the other: the template's words are clips of their own, recorded once for every menu.
            foreach (var piece in pieces ?? [new(null, null, 0), new(null, null, 1)])
            {
                var prompt = piece.Gap switch
                {
                    0 => new CallPrompt(l, labelKey, label, labelSound),
                    1 => new CallPrompt(l, pressKey, press, audio.Resolve(l, pressKey)),
                    _ => new CallPrompt(l, piece.PartKey, piece.Text!, audio.Resolve(l, piece.PartKey)),
                };
                prompts.Add(prompt with { Digit = digit });
            }
        }

        foreach (var output in outputs)
        {
            switch (output)
            {
                case TextOutput text:
                    Speak(locale, text.Key, text.Text);
                    break;
                case ChoicesOutput menu:
                    foreach (var choice in menu.Choices) Choose(locale, choice.LabelKey, choice.Label, choice.Digit, languageOffer: false);
                    break;
                case LanguageChoicesOutput languages:
                    foreach (var choice in languages.Choices) Choose(content.Locales.Get(choice.Culture), choice.OfferKey, choice.Offer, choice.Digit, languageOffer: true);
                    break;
            }
        }
        return prompts;
    }
}
