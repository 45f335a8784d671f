using Helpline.Core.Channels;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Localization;
using Helpline.Core.Text;
using Helpline.Core.Voice;
using Helpline.Web.Content;
using Helpline.Web.Sms;
using Helpline.Web.Voice;

namespace Helpline.Web.Simulator;

/// <summary>
/// One simulated turn: the engine the webhooks use (<see cref="ContentSource.Engine"/>), SMS rendered
/// and paged as the SMS webhook sends it, prompts resolved as the voice webhook plays them, and the
/// conversation kept in <see cref="SimulatorSessions"/> instead of the caller store.
/// </summary>
public sealed class SimulatorTurns(ContentSource content, SimulatorSessions sessions, int smsSegmentBudget, Voice.CallRenderers renderers)
{
    public const string Start = "start";
    public const string Silence = "silence";
    public const string DialAnswered = "dial-answered";
    public const string DialFailed = "dial-failed";
    public const int MaxSessionIdLength = 64;
    private const string KeypadKeys = "0123456789*#";

    /// <summary>The turn, or why the request cannot be one (400) or cannot be one now (409).</summary>
    public sealed record Answer(SimulatorTurnResult? Result, int Status, string? Error);

    public Answer Run(SimulatorTurnRequest request)
    {
        var engine = content.Engine();
        var bundle = engine.Content;
        if (Invalid(request, bundle, out var channel) is { } error) return new(null, StatusCodes.Status400BadRequest, error);
        var restart = request.Event == Start;

        var answer = sessions.Run(request.Session!, channel, restart, session =>
        {
            if (restart && request.Language is { Length: > 0 } language)
                session.State = new ConversationState { Culture = bundle.Locales.Get(language).Culture };
            return channel == SimulatorChannel.Sms ? Text(session, engine, request) : Call(session, engine, request);
        });
        return answer.Result is null ? answer : answer with { Result = answer.Result with { Session = request.Session! } };
    }

    private static string? Invalid(SimulatorTurnRequest request, ContentBundle bundle, out SimulatorChannel channel)
    {
        channel = SimulatorChannel.Sms;
        if (request.Session is not { Length: > 0 and <= MaxSessionIdLength } id || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return $"session: 1 to {MaxSessionIdLength} letters, digits or dashes";
        if (request.Channel is "sms") channel = SimulatorChannel.Sms;
        else if (request.Channel is "voice") channel = SimulatorChannel.Voice;
        else return "channel: sms or voice";
        if (request.Language is { Length: > 0 } language && !bundle.Locales.Has(language))
            return $"language: '{language}' is not one of {string.Join(", ", bundle.Locales.Locales.Select(l => l.Culture))}";

        if (request.Event is not null)
        {
            string[] allowed = channel == SimulatorChannel.Sms ? [Start] : [Start, Silence, DialAnswered, DialFailed];
            if (!allowed.Contains(request.Event)) return $"event: one of {string.Join(", ", allowed)} on {request.Channel}";
            if (request.Input is not null) return "send an input or an event, not both";
            return null;
        }
        if (request.Input is null) return "input or event is needed";
        if (channel == SimulatorChannel.Sms && request.Input.Length > SegmentCounter.MaxMessageLength)
            return $"input: a text message holds at most {SegmentCounter.MaxMessageLength} characters";
        // A call's <Gather> takes one key (numDigits=1), so the simulator takes one too.
        if (channel == SimulatorChannel.Voice && (request.Input.Length != 1 || !KeypadKeys.Contains(request.Input[0])))
            return "input: one key of 0-9, * or #";
        return null;
    }

    // --- SMS: as SmsWebhook answers, without the caller store ------------------------------------

    private Answer Text(SimulatorSession session, ConversationEngine engine, SimulatorTurnRequest request)
    {
        var notes = new List<SimulatorNote>();
        TurnResult turn;
        if (request.Event == Start)
        {
            // Where a texter whose language is known stands before they type: the menu a START would show.
            turn = engine.Handle(session.State, TurnInput.Sms(""));
        }
        else
        {
            var decision = SmsTurn.Decide(engine, session.State, session.OptedOut, Channel.Sms, request.Input!, null);
            switch (decision.Kind)
            {
                case SmsTurnKind.OptedOut:
                    session.OptedOut = true;
                    notes.Add(new("opted-out", "STOP: Twilio's opt-out. Nothing is sent until START."));
                    return Result(session, engine, "opted-out", [], [], notes);
                case SmsTurnKind.ErasedSilently:
                    session.State = null;
                    session.OptedOut = false;
                    notes.Add(new("erased", "Erased, silently: after STOP nothing is sent."));
                    return Result(session, engine, "erased", [], [], notes);
                case SmsTurnKind.Ignored:
                    notes.Add(new("no-reply", "No reply: this number sent STOP. START resumes."));
                    return Result(session, engine, "ignored-opted-out", [], [], notes);
            }
            session.OptedOut = false;
            turn = decision.Turn!;
        }

        session.State = turn.State;
        if (turn.Outputs.OfType<EraseDataOutput>().Any()) notes.Add(new("erased", "Everything stored for this number is erased."));
        if (SimulatorReview.Note(engine.Content, turn.Outputs, turn.State) is { } unreviewed) notes.Add(unreviewed);
        var reply = SmsRenderer.Render(turn.Outputs);
        IReadOnlyList<SmsPage> messages = reply.Length == 0 ? [] : [Page(reply)];
        return Result(session, engine, turn.Outcome, messages, [], notes);
    }

    // --- voice: as VoiceWebhook and VoiceRenderer play it ------------------------------------------

    private Answer Call(SimulatorSession session, ConversationEngine engine, SimulatorTurnRequest request)
    {
        if (request.Event != Start && (!session.CallStarted || session.CallEnded))
            return new(null, StatusCodes.Status409Conflict, "no call in progress: start one (event \"start\")");

        var input = request.Event switch
        {
            Start => new TurnInput(Channel.Voice, TurnKind.CallStarted),
            Silence => new TurnInput(Channel.Voice, TurnKind.Silence),
            DialAnswered => new TurnInput(Channel.Voice, TurnKind.TransferCompleted),
            DialFailed => new TurnInput(Channel.Voice, TurnKind.TransferFailed),
            _ => TurnInput.Keypad(request.Input),
        };
        if (input.Kind == TurnKind.CallStarted)
        {
            session.CallStarted = true;
            session.CallEnded = false;
        }

        var turn = engine.Handle(session.State, input);
        session.State = turn.State;
        var notes = new List<SimulatorNote>();
        foreach (var output in turn.Outputs)
        {
            switch (output)
            {
                case TransferOutput transfer:
                    notes.Add(new("transfer", $"The call is transferred to {transfer.Organization.Name} ({transfer.Number})."));
                    break;
                case EraseDataOutput:
                    notes.Add(new("erased", "Everything stored for this call is erased."));
                    break;
                case HangupOutput:
                    session.CallEnded = true;
                    notes.Add(new("hangup", "The helpline hangs up."));
                    break;
            }
        }
        if (SimulatorReview.Note(engine.Content, turn.Outputs, turn.State) is { } unreviewed) notes.Add(unreviewed);
        // "Text me this": the messages the caller's phone would receive, each as it is sent.
        var texts = turn.Outputs.OfType<SendTextOutput>().SelectMany(t => t.Messages).Select(Page).ToList();
        var prompts = Prompts(engine.Content, turn.Outputs, turn.State?.Culture);
        return Result(session, engine, turn.Outcome, texts, prompts, notes);
    }

    /// <summary>Each prompt with where its sound comes from, as the call hears it (<see cref="VoicePromptPlan"/>).</summary>
    private List<SpokenPrompt> Prompts(ContentBundle bundle, IReadOnlyList<Output> outputs, string? culture) =>
        [.. VoicePromptPlan.For(bundle, AudioFor(bundle), outputs, culture).Select(p => new SpokenPrompt(
            p.Text, p.Key, p.Locale.Culture, p.Locale.IsRightToLeft ? "rtl" : "ltr", SourceName(p.Sound.Source), p.AudioUrl,
            p.Sound.Source == AudioSource.Tts ? p.Locale.Voice.SayLanguage : null))];

    // The call's own audio for the content now serving (listed once per load); a session still on older content lists its own.
    private PromptAudio AudioFor(ContentBundle bundle) => renderers.Current() is { } renderer && ReferenceEquals(renderer.Content, bundle) ? renderer.Audio : new PromptAudio(bundle);

    private static string SourceName(AudioSource source) => source switch
    {
        AudioSource.Recording => "recording",
        AudioSource.Tts => "twilio-voice",
        AudioSource.StandIn => "stand-in",
        _ => "missing",
    };

    // --- shared ------------------------------------------------------------------------------------

    private SmsPage Page(string text)
    {
        // The validator's and the content report's measure, over the same body the SMS webhook sends.
        var cost = SmsCost.Of(text);
        return new(text, cost.Segments, cost.EncodingName, cost.Length, cost.Segments > smsSegmentBudget);
    }

    private static Answer Result(SimulatorSession session, ConversationEngine engine, string outcome,
        IReadOnlyList<SmsPage> messages, IReadOnlyList<SpokenPrompt> prompts, IReadOnlyList<SimulatorNote> notes)
    {
        var state = session.State;
        SimulatorPosition? position = null;
        if (state is not null)
        {
            var locale = state.Culture is null ? null : engine.Content.Locales.Get(state.Culture);
            position = new(state.Flow, state.Node, state.Culture, locale?.IsRightToLeft == true ? "rtl" : "ltr");
        }
        var result = new SimulatorTurnResult("", session.Channel == SimulatorChannel.Sms ? "sms" : "voice", outcome, position, messages, prompts, notes, session.CallEnded);
        return new(result, StatusCodes.Status200OK, null);
    }
}
