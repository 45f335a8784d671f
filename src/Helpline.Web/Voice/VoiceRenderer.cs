using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Localization;
using Helpline.Core.Voice;
using Helpline.Twilio;

namespace Helpline.Web.Voice;

/// <summary>
/// Writes a call turn's outputs as TwiML: each prompt is a recording or stand-in (&lt;Play&gt;) or the
/// locale's Twilio voice (&lt;Say&gt;), inside a &lt;Gather&gt; whose silence is brought back by a &lt;Redirect&gt;.
/// A prompt with neither is left out: a Dari caller never hears English TTS read Dari.
/// </summary>
public sealed class VoiceRenderer(ContentBundle content, ILogger logger)
{
    public const string AudioPath = "/audio";
    public const int GatherTimeoutSeconds = 6;

    private readonly PromptAudio _audio = new(content);

    /// <summary>The content this renders for (a content reload makes a new renderer).</summary>
    public ContentBundle Content => content;

    /// <summary>Where each prompt's sound comes from, worked out once for this content load.</summary>
    public PromptAudio Audio => _audio;

    /// <param name="step">The call's step, carried in action URLs so a repeated request is recognised.</param>
    /// <param name="callerId">The helpline's own number (the call's To), shown to the organization on a transfer.</param>
    public string Render(IReadOnlyList<Output> outputs, string? culture, int step, string? callerId)
    {
        var locale = content.Locales.Get(culture);
        var response = new TwimlResponse();
        var prompts = VoicePromptPlan.For(content, _audio, outputs, culture);
        void SpeakAll(PromptSink sink) => prompts.ForEach(prompt => Speak(sink, prompt));

        if (outputs.OfType<TransferOutput>().FirstOrDefault() is { } transfer)
        {
            SpeakAll(new PromptSink(response));
            response.Dial(new DialOptions(Action: $"/twilio/voice/dial?s={step}", Timeout: 30, CallerId: callerId), [transfer.Number]);
            return response.ToString();
        }
        if (outputs.OfType<HangupOutput>().Any())
        {
            SpeakAll(new PromptSink(response));
            response.Hangup();
            return response.ToString();
        }

        // Keys only, one at a time; speech too where Twilio understands the language.
        // The language menu takes keys only: there is no language yet to listen in.
        var speech = culture is null ? null : locale.Voice.SpeechLanguage;
        var gather = new GatherOptions(
            Action: $"/twilio/voice/gather?s={step}",
            Input: speech is null ? "dtmf" : "dtmf speech",
            NumDigits: 1,
            Timeout: GatherTimeoutSeconds,
            Language: speech,
            SpeechTimeout: speech is null ? null : "auto");
        response.Gather(gather, verbs => SpeakAll(new PromptSink(verbs)));
        response.Redirect($"/twilio/voice/silence?s={step}");
        return response.ToString();
    }

    private void Speak(PromptSink sink, PlannedPrompt prompt)
    {
        switch (prompt.Sound.Source)
        {
            case AudioSource.Recording or AudioSource.StandIn:
                sink.Play(prompt.AudioUrl!);
                break;
            case AudioSource.Tts:
                sink.Say(prompt.Text, prompt.Locale);
                break;
            default:
                logger.LogWarning("No audio for prompt {Key} in {Culture}: left out of the call", prompt.Key ?? "(composed)", prompt.Locale.Culture);
                break;
        }
    }

    /// <summary>Adds Say/Play either to the response or inside a Gather.</summary>
    private sealed class PromptSink
    {
        private readonly TwimlResponse? _response;
        private readonly TwimlVerbs? _verbs;

        public PromptSink(TwimlResponse response) => _response = response;
        public PromptSink(TwimlVerbs verbs) => _verbs = verbs;

        public void Say(string text, Locale locale)
        {
            if (_verbs is not null) _verbs.Say(text, locale.Voice.SayVoice, locale.Voice.SayLanguage);
            else _response!.Say(text, locale.Voice.SayVoice, locale.Voice.SayLanguage);
        }

        public void Play(string url)
        {
            if (_verbs is not null) _verbs.Play(url);
            else _response!.Play(url);
        }
    }
}
