using Helpline.Core.Content;
using Helpline.Core.Flows;
using Helpline.Core.Localization;
using Helpline.Core.Text;

namespace Helpline.Core.Engine;

/// <summary>
/// One turn of a conversation: what happened (a message, a call starting, silence, a transfer's end)
/// moves the stored position through the flow's Stateless machine, and the node it lands on is
/// presented. Thrown away afterwards, like the machine it builds.
/// </summary>
internal sealed class Turn
{
    private readonly ContentBundle _content;
    private readonly CompiledFlows _flows;
    private readonly LocaleCatalog _locales;
    private readonly EngineOptions _options;
    private readonly SmsPaging _paging;
    private readonly TurnInput _input;
    private readonly ConversationState _state;
    private readonly InputReader _reader;
    private readonly NodePresenter _presenter;
    private readonly IReadOnlySet<string> _underReview;

    /// <summary>Where the review note goes when this turn said the welcome (right after it); null when it did not.</summary>
    private int? _welcomeEnd;

    public Turn(ContentBundle content, EngineOptions options, SmsPaging paging, IReadOnlySet<string> underReview, ConversationState? stored, TurnInput input, DateTimeOffset now)
    {
        _underReview = underReview;
        _content = content;
        _paging = paging;
        _flows = content.Compiled;
        _locales = content.Locales;
        _options = options;
        _input = input;
        _state = stored?.Clone() ?? new ConversationState();
        _reader = new InputReader(_locales, _state, input.Channel);
        _presenter = new NodePresenter(content, paging, _state, input.Channel, underReview);
        if (_state.Culture is { } culture && !_locales.Has(culture)) _state.Culture = null;

        var idle = stored is not null && now - stored.LastActive > options.IdleReset;
        var lost = _flows.Node(_state.Position) is null || (_state.Culture is null && _state.Position != _flows.LanguageMenu);
        if (stored is null || idle || lost) Restart();
        _state.LastActive = now;
    }

    private bool Voice => _input.Channel == Channel.Voice;
    private NodeDefinition Node => _flows.Node(_state.Position)!;

    public TurnResult Run() => _input.Kind switch
    {
        TurnKind.CallStarted => CallStarted(),
        TurnKind.Silence => Strike(Keys.VoiceNoInput),
        TurnKind.TransferFailed => TransferFailed(),
        TurnKind.TransferCompleted => Say(Keys.VoiceAfterCall).EnterCurrent("transfer-completed"),
        _ => Message(InputNormalizer.Normalize(_input.Text)),
    };

    // --- what happened ---------------------------------------------------------------

    private TurnResult CallStarted()
    {
        _state.Strikes = 0;
        _state.ConfirmingText = false;
        _state.TransferIndex = -1;
        if (_state.Culture is null) return EnterCurrent("call-started");
        MoveTo(_flows.MainMenu);
        var language = _flows.Node(_flows.LanguageMenu);
        if (language?.Intro is { } intro) Say(intro);
        _welcomeEnd = _presenter.Outputs.Count;
        _presenter.Welcomed = true;
        return EnterCurrent("call-started");
    }

    private TurnResult Message(string text)
    {
        if (text.Length == 0)
        {
            if (Voice) return Strike(Keys.VoiceNoInput);
            return EnterCurrent("empty");
        }

        // Erasing is honoured in any language, before anything else: someone afraid should not have to find the right menu.
        if (_reader.IsDelete(text))
            return new TurnResult(null, [new TextOutput(Keys.Deleted, _presenter.Words.Text(Keys.Deleted)), new EraseDataOutput()], "erased");

        if (_state.ConfirmingText) return ConfirmText(text);

        if (_reader.LanguageByName(text) is { } named) return ChooseLanguage(named, "language-by-name");

        var node = Node;
        if (_reader.LanguageByDigit(node, text) is { } chosen) return ChooseLanguage(chosen, "language-chosen");

        if (_state.Culture is null) return EnterCurrent("language-menu");

        if (_reader.IsWord(text, Commands.Help)) return Say(Keys.Help).Done("help");

        var trigger = _reader.TriggerFor(node, text, canCall: Voice && CallTargets.Chosen(_content.Directory, node, _state.Region, text) is not null);
        if (trigger is null) return NotAnOption();
        return Fire(trigger, text);
    }

    private TurnResult ChooseLanguage(Locale locale, string outcome)
    {
        var first = _state.Culture is null;
        _state.Culture = locale.Culture;
        _state.Strikes = 0;
        var language = _flows.Node(_flows.LanguageMenu);
        if (Node.Kind == NodeKinds.LanguageMenu && language?.Next is { } next)
        {
            MoveTo(_flows.Resolve(CompiledFlows.MainFlow, next));
            first = true;
        }
        if (first && language?.Intro is { } intro) Say(intro);
        if (first) _welcomeEnd = _presenter.Outputs.Count;
        _presenter.Welcomed = first;
        return EnterCurrent(outcome);
    }

    private TurnResult Fire(string trigger, string text)
    {
        var node = Node;
        var call = Voice ? CallTargets.Chosen(_content.Directory, node, _state.Region, text) : null;
        var facts = new TurnFacts
        {
            HasLanguage = _state.Culture is not null,
            HasMorePages = _state.Page + 1 < _presenter.PageCount(node),
            CanCall = call is not null,
            OnCall = Voice,
            NextPage = () => _state.Page++,
            OfferText = () => _state.ConfirmingText = true,
        };
        var flow = _flows.Flow(_state.Flow)!;
        var machine = FlowMachine.Build(_flows, flow, () => _state.Node, Write, facts, onlyNode: _state.Node);
        if (!machine.CanFire(trigger)) return NotAnOption();

        if (node.Kind == NodeKinds.RegionMenu) _state.Region = _reader.RegionFor(node, text) ?? _state.Region;
        machine.Fire(trigger);

        // "Text me this" waits for the caller's yes: the position does not change, nor do the strikes.
        if (trigger == Triggers.TextMe) return Say(Keys.VoiceTextConfirm).Done("text-me-offered");
        _state.Strikes = 0;
        if (trigger == Triggers.Call) return Call(call!.Value);

        if (node.Kind == NodeKinds.RegionMenu && trigger == Triggers.Next) Say(Keys.RegionChosen, _presenter.Words.RegionName(_state.Region));
        return EnterCurrent(trigger);
    }

    private TurnResult NotAnOption()
    {
        if (Voice) return Strike(Keys.NotAnOption);
        // On an answer the texter already has the page: say what they can reply, not the page again (it cost up to 4 segments).
        var node = Node;
        if (node.Kind is NodeKinds.Answer or NodeKinds.Directory)
        {
            Say(Keys.NotAnOption);
            return Say(_state.Page + 1 < _presenter.PageCount(node) ? Keys.SmsMore : Keys.AnswerFooter).Done("not-an-option");
        }
        return Say(Keys.NotAnOption).EnterCurrent("not-an-option");
    }

    /// <summary>Silence or a wrong key on a call: ask again, and after two, give legal-help contacts and say goodbye.</summary>
    private TurnResult Strike(string key)
    {
        _state.Strikes++;
        _state.ConfirmingText = false;
        if (_state.Strikes >= _options.MaxStrikes)
        {
            _state.Strikes = 0;
            // Before hanging up, leave the caller with somewhere to turn: the national free legal help listings.
            _presenter.Outputs.AddRange(Fallback.LegalHelp(_content, _presenter.Words, 2));
            _presenter.Add(new TextOutput(Keys.VoiceGoodbye, _presenter.Words.Text(Keys.VoiceGoodbye)));
            _presenter.Add(new HangupOutput());
            return Done("gave-up");
        }
        return Say(key).EnterCurrent(key == Keys.VoiceNoInput ? "silence" : "not-an-option");
    }

    // --- calls: transfer and "text me this" -------------------------------------------

    private TurnResult Call(CallTarget target)
    {
        _state.TransferIndex = target.Index;
        Say(Keys.VoiceConnecting, target.Organization.Name);
        _presenter.Add(new TransferOutput(target.Organization, target.Organization.DialNumber!));
        return Done("transfer");
    }

    private TurnResult TransferFailed()
    {
        Say(Keys.VoiceTransferFailed);
        if (CallTargets.After(_content.Directory, Node, _state.Region, _state.TransferIndex) is { } next)
        {
            _state.TransferIndex = next.Index;
            Say(Keys.VoiceTransferNext, next.Organization.Name);
            _presenter.Add(new TransferOutput(next.Organization, next.Organization.DialNumber!));
            return Done("transfer-next");
        }
        _state.TransferIndex = -1;
        _state.ConfirmingText = true;
        return Say(Keys.VoiceTextConfirm).Done("transfer-failed");
    }

    private TurnResult ConfirmText(string text)
    {
        _state.ConfirmingText = false;
        if (text == Commands.ContinueDigit || _reader.IsWord(text, Commands.Yes))
        {
            _presenter.Add(new SendTextOutput(_paging.TextMe(Node, _presenter.Words.Written, _state.Region)));
            return Say(Keys.VoiceTextSending).EnterCurrent("text-me");
        }
        return EnterCurrent("text-me-cancelled");
    }

    // --- saying things --------------------------------------------------------------------

    private Turn Say(string key, params object[] args)
    {
        _presenter.Say(key, args);
        return this;
    }

    private TurnResult EnterCurrent(string outcome)
    {
        var node = Node;
        _presenter.Present(node);
        if (node.Kind == NodeKinds.End && !Voice) MoveTo(_flows.MainMenu); // the next text starts at the main menu
        return Done(outcome);
    }

    private TurnResult Done(string outcome)
    {
        ReviewNote();
        return new(_state, _presenter.Outputs, outcome);
    }

    /// <summary>
    /// In a language still under review, the welcome is followed by a note that its texts are still being checked.
    /// A call hears it after the main menu, so the topics come as soon as before. A text carries it after the welcome
    /// only when the first reply stays within its budget as sent; where a language's first reply has no room (its
    /// welcome and menu alone fill the segments), the next reply with room carries it instead, at its top.
    /// </summary>
    private void ReviewNote()
    {
        var underReview = _state.Culture is { } culture && _underReview.Contains(culture);
        if (!underReview) { _state.ReviewNoteOwed = false; return; }
        if (_welcomeEnd is null && (Voice || !_state.ReviewNoteOwed)) return;
        var note = _presenter.Words.Output(Keys.UnderReviewNote);
        if (Voice) _presenter.Add(note);
        else if (_welcomeEnd is { } welcomeEnd) _state.ReviewNoteOwed = !TryInsert(welcomeEnd, note, Validation.ContentValidator.FirstReplyBudget);
        else _state.ReviewNoteOwed = !TryInsert(0, note, _options.SmsSegmentBudget);
    }

    private bool TryInsert(int index, Output note, int segmentBudget)
    {
        var outputs = _presenter.Outputs;
        outputs.Insert(index, note);
        var body = Channels.SmsRenderer.Render(outputs);
        var fits = _input.Channel == Channel.WhatsApp
            ? body.Length <= _options.WhatsAppMessageLength
            : Text.SmsCost.Of(body).Segments <= segmentBudget;
        if (!fits) outputs.RemoveAt(index);
        return fits;
    }

    // --- position ---------------------------------------------------------------------------

    private void Restart()
    {
        MoveTo(_state.Culture is null ? _flows.LanguageMenu : _flows.MainMenu);
        _state.Strikes = 0;
        _state.ConfirmingText = false;
    }

    private void MoveTo(string qualified)
    {
        var (flow, node) = CompiledFlows.Split(qualified);
        _state.Flow = flow;
        _state.Node = node;
        _state.Page = 0;
    }

    /// <summary>The machine's mutator: a "flow/node" target moves the conversation into that flow; a new node starts at its first page.</summary>
    private void Write(string node)
    {
        if (node.Contains('/')) MoveTo(node);
        else if (node != _state.Node) { _state.Node = node; _state.Page = 0; }
    }
}
