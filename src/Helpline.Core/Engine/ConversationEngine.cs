using System.Collections.Concurrent;
using Helpline.Core.Content;
using Helpline.Core.Directory;
using Helpline.Core.Flows;
using Helpline.Core.Localization;
using Helpline.Core.Text;

namespace Helpline.Core.Engine;

/// <summary>
/// The helpline's conversation as a pure function: (stored state, what happened) -> (new state, what to say).
/// No I/O: the web host stores the state and renders the outputs; time comes from the TimeProvider.
/// </summary>
public sealed class ConversationEngine(ContentBundle content, TimeProvider time, EngineOptions options)
{
    /// <summary>A locale key with this suffix is the spoken form of the key before it.</summary>
    public const string VoiceSuffix = ".voice";

    /// <summary>The directory need whose national listings a call that ends without a choice is given.</summary>
    public const string LegalHelpNeed = "representation";

    public ContentBundle Content => content;

    // An answer's SMS pages depend only on the content, the node, the language, the region and the
    // channel, and paging measures segments many times over: work them out once per content load.
    private readonly SmsPageCache _smsPages = new();

    /// <summary>An answer's or list's SMS pages, and its text key when it is one block on one page.</summary>
    private sealed record SmsPages(IReadOnlyList<string> Pages, string? Key);

    private sealed class SmsPageCache : ConcurrentDictionary<(NodeDefinition Node, string Culture, string? Region, Channel Channel), SmsPages>;

    public TurnResult Handle(ConversationState? stored, TurnInput input) =>
        new Turn(content, options, _smsPages, stored, input, time.GetUtcNow()).Run();

    /// <summary>One turn's work; thrown away afterwards, like the Stateless machine it builds.</summary>
    private sealed class Turn
    {
        private readonly ContentBundle _content;
        private readonly CompiledFlows _flows;
        private readonly LocaleCatalog _locales;
        private readonly EngineOptions _options;
        private readonly SmsPageCache _smsPages;
        private readonly TurnInput _input;
        private readonly ConversationState _state;
        private readonly List<Output> _outputs = [];
        private readonly bool _isNew;
        private bool _composingSms; // a call's "text me this" writes SMS text, not the spoken variants
        private string? _text;      // the normalized input, and its word key worked out once
        private string? _wordKey;

        public Turn(ContentBundle content, EngineOptions options, SmsPageCache smsPages, ConversationState? stored, TurnInput input, DateTimeOffset now)
        {
            _content = content;
            _smsPages = smsPages;
            _flows = content.Compiled;
            _locales = content.Locales;
            _options = options;
            _input = input;
            _isNew = stored is null;
            _state = stored?.Clone() ?? new ConversationState();
            if (_state.Culture is { } culture && !_locales.Has(culture)) _state.Culture = null;

            var idle = stored is not null && now - stored.LastActive > options.IdleReset;
            var lost = _flows.Node(_state.Position) is null || (_state.Culture is null && _state.Position != _flows.LanguageMenu);
            if (_isNew || idle || lost) Restart();
            _state.LastActive = now;
        }

        private bool Voice => _input.Channel == Channel.Voice;
        private string Culture => _state.Culture ?? LocaleCatalog.FallbackCulture;
        private NodeDefinition Node => _flows.Node(_state.Position)!;

        public TurnResult Run() => _input.Kind switch
        {
            TurnKind.CallStarted => CallStarted(),
            TurnKind.Silence => Strike(Keys.VoiceNoInput),
            TurnKind.TransferFailed => TransferFailed(),
            TurnKind.TransferCompleted => Done(Say(Keys.VoiceAfterCall).EnterCurrent(), "transfer-completed"),
            _ => Message(InputNormalizer.Normalize(_input.Text)),
        };

        // --- what happened ---------------------------------------------------------------

        private TurnResult CallStarted()
        {
            _state.Strikes = 0;
            _state.ConfirmingText = false;
            _state.TransferIndex = -1;
            if (_state.Culture is null) return Done(EnterCurrent(), "call-started");
            MoveTo(_flows.MainMenu);
            var language = _flows.Node(_flows.LanguageMenu);
            if (language?.Intro is { } intro) Say(intro);
            return Done(Say(Keys.VoiceKeys).EnterCurrent(), "call-started");
        }

        private TurnResult Message(string text)
        {
            if (text.Length == 0)
            {
                if (Voice) return Strike(Keys.VoiceNoInput);
                return Done(EnterCurrent(), "empty");
            }

            // Erasing is honoured in any language, before anything else: someone afraid should not have to find the right menu.
            if (_locales.IsAnyLocaleWord(WordKeyOf(text), Commands.Delete))
                return new TurnResult(null, [new TextOutput(Keys.Deleted, Text(Keys.Deleted)), new EraseDataOutput()], "erased");

            if (_state.ConfirmingText) return ConfirmText(text);

            if (_locales.ByWordKey(WordKeyOf(text)) is { } named) return ChooseLanguage(named, "language-by-name");

            var node = Node;
            if (node.Kind == NodeKinds.LanguageMenu && LanguageByDigit(node, text) is { } chosen)
                return ChooseLanguage(chosen, "language-chosen");

            if (_state.Culture is null)
                return Done(EnterCurrent(), "language-menu");

            if (IsWord(text, Commands.Help)) return Done(Say(Keys.Help), "help");

            // "Text me this" is answered outside the machine: the position does not change.
            if (Voice && text == Commands.TextMeDigit && node.Kind is NodeKinds.Answer or NodeKinds.Directory or NodeKinds.Transfer)
            {
                _state.ConfirmingText = true;
                return Done(Say(Keys.VoiceTextConfirm), "text-me-offered");
            }

            var trigger = TriggerFor(node, text);
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
            if (first && Voice) Say(Keys.VoiceKeys);
            return Done(EnterCurrent(), outcome);
        }

        private TurnResult Fire(string trigger, string text)
        {
            var before = _state.Position;
            var node = Node;
            var facts = new TurnFacts
            {
                HasLanguage = _state.Culture is not null,
                HasMorePages = _state.Page + 1 < PageCount(node),
                CanCall = CallTarget(node, text) is not null,
            };
            var flow = _flows.Flow(_state.Flow)!;
            var machine = FlowMachine.Build(_flows, flow, () => _state.Node, Write, facts, onlyNode: _state.Node);
            if (!machine.CanFire(trigger)) return NotAnOption();

            if (node.Kind == NodeKinds.RegionMenu) _state.Region = RegionFor(node, text) ?? _state.Region;
            machine.Fire(trigger);
            _state.Strikes = 0;

            if (trigger == Triggers.Call) return Call(node, text);
            if (_state.Position != before) _state.Page = 0;
            else if (trigger == Triggers.More) _state.Page++;
            else if (trigger is Triggers.Language or Triggers.Menu) _state.Page = 0;

            if (node.Kind == NodeKinds.RegionMenu && trigger == Triggers.Next) Say(Keys.RegionChosen, RegionName(_state.Region));
            return Done(EnterCurrent(), trigger);
        }

        private TurnResult NotAnOption()
        {
            if (Voice) return Strike(Keys.NotAnOption);
            return Done(Say(Keys.NotAnOption).EnterCurrent(), "not-an-option");
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
                foreach (var organization in _content.Directory.Lookup(LegalHelpNeed, null).Take(2))
                    _outputs.AddRange(Spoken(organization));
                _outputs.Add(new TextOutput(Keys.VoiceGoodbye, Text(Keys.VoiceGoodbye)));
                _outputs.Add(new HangupOutput());
                return Done(this, "gave-up");
            }
            return Done(Say(key).EnterCurrent(), key == Keys.VoiceNoInput ? "silence" : "not-an-option");
        }

        // --- calls: transfer and "text me this" -------------------------------------------

        private TurnResult Call(NodeDefinition node, string text)
        {
            var (organization, index) = CallTarget(node, text)!.Value;
            _state.TransferIndex = index;
            Say(Keys.VoiceConnecting, organization.Name);
            _outputs.Add(new TransferOutput(organization, organization.DialNumber!));
            return Done(this, "transfer");
        }

        private TurnResult TransferFailed()
        {
            Say(Keys.VoiceTransferFailed);
            var callable = Callable(Node);
            var next = callable.FirstOrDefault(c => c.Index > _state.TransferIndex);
            if (Node.Kind == NodeKinds.Directory && next.Organization is not null)
            {
                _state.TransferIndex = next.Index;
                Say(Keys.VoiceTransferNext, next.Organization.Name);
                _outputs.Add(new TransferOutput(next.Organization, next.Organization.DialNumber!));
                return Done(this, "transfer-next");
            }
            _state.TransferIndex = -1;
            _state.ConfirmingText = true;
            return Done(Say(Keys.VoiceTextConfirm), "transfer-failed");
        }

        private TurnResult ConfirmText(string text)
        {
            _state.ConfirmingText = false;
            if (text == Commands.ContinueDigit || IsWord(text, Commands.Yes))
            {
                _composingSms = true;
                var messages = SmsPages(Blocks(Node, forSms: true), reserve: "");
                _composingSms = false;
                _outputs.Add(new SendTextOutput(messages));
                return Done(Say(Keys.VoiceTextSending).EnterCurrent(), "text-me");
            }
            return Done(EnterCurrent(), "text-me-cancelled");
        }

        // --- reading the input --------------------------------------------------------------

        private string? TriggerFor(NodeDefinition node, string text)
        {
            if (node.Kind is NodeKinds.Directory or NodeKinds.Transfer && Voice && CallTarget(node, text) is not null) return Triggers.Call;

            foreach (var option in node.Options)
            {
                if (option.Digit == text) return option.Digit;
            }
            if (node.Kind is NodeKinds.Answer or NodeKinds.Directory && text == Commands.ContinueDigit) return Triggers.More;

            if (text == Commands.MenuDigit || IsWord(text, Commands.Menu)) return Triggers.Menu;
            if (text == Commands.BackKey || IsWord(text, Commands.Back)) return Triggers.Back;
            if (text == Commands.RepeatKey || IsWord(text, Commands.Repeat)) return Triggers.Repeat;
            if (IsWord(text, Commands.More)) return node.Kind is NodeKinds.Answer or NodeKinds.Directory ? Triggers.More : Triggers.Repeat;
            if (IsWord(text, Commands.Language)) return Triggers.Language;

            if (node.Kind == NodeKinds.RegionMenu && !Voice && UsRegions.Parse(text) is not null) return Triggers.Next;
            return OptionByKeyword(node, text);
        }

        private string? OptionByKeyword(NodeDefinition node, string text)
        {
            var key = WordKeyOf(text);
            var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string? contained = null;
            var containedCount = 0;
            foreach (var option in node.Options.Where(o => o.Keywords is not null))
            {
                foreach (var word in _locales.WordKeys(Culture, option.Keywords!))
                {
                    if (word == key) return option.Digit;
                    if (word.Length >= 3 && (words.Contains(word) || (word.Contains(' ') && key.Contains(word))))
                    {
                        if (contained != option.Digit) containedCount++;
                        contained = option.Digit;
                        break;
                    }
                }
            }
            // A word inside a sentence ("I need a lawyer") counts only when it points to one option.
            return containedCount == 1 ? contained : null;
        }

        private Locale? LanguageByDigit(NodeDefinition node, string text)
        {
            var index = LanguageDigits(node).IndexOf(text);
            return index >= 0 && index < node.Languages.Count && _locales.Has(node.Languages[index]) ? _locales.Get(node.Languages[index]) : null;
        }

        /// <summary>Languages take 1..9 then 0: before a language is chosen there is no main menu for 0 to reach.</summary>
        public static List<string> LanguageDigits(NodeDefinition node) =>
            [.. Enumerable.Range(0, node.Languages.Count).Select(i => i < 9 ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "0")];

        private string? RegionFor(NodeDefinition node, string text) =>
            node.Options.FirstOrDefault(o => o.Digit == text)?.Region ?? (Voice ? null : UsRegions.Parse(text));

        private bool IsWord(string text, string command) => _locales.WordKeys(Culture, command).Contains(WordKeyOf(text));

        /// <summary>The input's word key, worked out once a turn however many words it is compared with.</summary>
        private string WordKeyOf(string text)
        {
            if (!ReferenceEquals(text, _text))
            {
                _text = text;
                _wordKey = InputNormalizer.WordKey(text);
            }
            return _wordKey!;
        }

        // --- saying things --------------------------------------------------------------------

        private Turn EnterCurrent()
        {
            var node = Node;
            switch (node.Kind)
            {
                case NodeKinds.LanguageMenu:
                    LanguageMenu(node);
                    break;
                case NodeKinds.Menu or NodeKinds.RegionMenu:
                    if (node.Prompt is not null) Say(node.Prompt);
                    _outputs.Add(new ChoicesOutput([.. node.Options.Select(o => new Choice(o.Digit, o.Label, Text(o.Label)))]));
                    Say(Voice ? Keys.VoiceMenuFooter : Keys.MenuFooter);
                    break;
                case NodeKinds.Answer or NodeKinds.Directory:
                    Paged(node);
                    break;
                case NodeKinds.Transfer:
                    Transfer(node);
                    break;
                case NodeKinds.End:
                    if (node.Prompt is not null) Say(node.Prompt);
                    if (Voice) _outputs.Add(new HangupOutput());
                    else MoveTo(_flows.MainMenu); // the next text starts at the main menu
                    break;
            }
            return this;
        }

        private void LanguageMenu(NodeDefinition node)
        {
            if (!Voice) Say(Keys.LanguageTitle);
            var digits = LanguageDigits(node);
            var choices = node.Languages.Select((culture, i) =>
            {
                var locale = _locales.Get(culture);
                return new LanguageChoice(digits[i], locale.Culture, locale.Name, Keys.LanguageOffer, _locales.Text(locale.Culture, Keys.LanguageOffer));
            });
            _outputs.Add(new LanguageChoicesOutput([.. choices]));
        }

        private void Paged(NodeDefinition node)
        {
            if (node.Kind == NodeKinds.Directory && node.Prompt is not null) Say(node.Prompt);
            if (Voice)
            {
                var blocks = Blocks(node, forSms: false);
                // A call speaks one part at a time so a caller can follow and press 1 for the next.
                var page = Math.Clamp(_state.Page, 0, Math.Max(0, blocks.Count - 1));
                if (node.Kind == NodeKinds.Directory) _outputs.AddRange(blocks.Select(b => new TextOutput(b.Key, b.Text)));
                else if (blocks.Count > 0) _outputs.Add(new TextOutput(blocks[page].Key, blocks[page].Text));
                if (node.Kind == NodeKinds.Directory) VoiceCallChoices(node);
                var more = node.Kind == NodeKinds.Answer && page + 1 < blocks.Count;
                Say(more ? Keys.VoiceMore : Keys.VoiceAnswerEnd);
                return;
            }

            var (pages, key) = SmsPagesOf(node);
            var index = Math.Clamp(_state.Page, 0, Math.Max(0, pages.Count - 1));
            if (pages.Count > 0) _outputs.Add(new TextOutput(key, pages[index]));
            Say(index + 1 < pages.Count ? Keys.SmsMore : Keys.AnswerFooter);
        }

        private void VoiceCallChoices(NodeDefinition node)
        {
            // A caller hears what an organization does (in their language), not its English name.
            var choices = Callable(node).Select(c => new Choice(c.Digit, c.Organization.Description, Text(c.Organization.Description)));
            _outputs.Add(new ChoicesOutput([.. choices]));
        }

        private void Transfer(NodeDefinition node)
        {
            if (node.Prompt is not null) Say(node.Prompt);
            var organization = node.Organization is null ? null : _content.Directory.Get(node.Organization);
            if (organization is null || !organization.IsShown) { Say(Keys.NoneFound); return; }
            if (Voice && organization.DialNumber is not null)
            {
                _outputs.Add(new ChoicesOutput([new Choice("1", organization.Description, Text(organization.Description))]));
                Say(Keys.VoiceAnswerEnd);
                return;
            }
            _outputs.Add(new TextOutput(null, Contact(organization)));
            Say(Voice ? Keys.VoiceAnswerEnd : Keys.AnswerFooter);
        }

        /// <summary>The node's paragraphs: an answer's texts, or a directory list's entries.</summary>
        private List<TextOutput> Blocks(NodeDefinition node, bool forSms)
        {
            if (node.Kind == NodeKinds.Answer) return [.. node.Texts.Select(k => forSms ? new TextOutput(k, _locales.Text(Culture, k)) : new TextOutput(SpokenKey(k), Text(k)))];
            if (node.Kind == NodeKinds.Transfer)
            {
                var org = node.Organization is null ? null : _content.Directory.Get(node.Organization);
                return org is null || !org.IsShown ? [] : [new TextOutput(null, Contact(org))];
            }
            if (node.Kind != NodeKinds.Directory || node.Need is null) return [];

            var organizations = _content.Directory.Lookup(node.Need, _state.Region);
            if (organizations.Count == 0) return [new TextOutput(Keys.NoneFound, Text(Keys.NoneFound))];
            return forSms
                ? [.. organizations.Select(o => new TextOutput(null, Contact(o)))]
                : [.. organizations.SelectMany(Spoken)];
        }

        /// <summary>An organization as a texter needs it: name, what it does, phone, detention code, website, hours.</summary>
        private string Contact(Organization o)
        {
            var lines = new List<string> { $"{o.Name}: {Text(o.Description)}" };
            if (o.ShownPhone is { } phone) lines.Add(Text(Keys.ContactPhone, phone) + (o.Hours is null ? "" : $" ({Text(o.Hours)})"));
            if (o.ShownSpeedDial is { } code) lines.Add(Text(Keys.ContactSpeedDial, code));
            if (o.Website is { } web) lines.Add(Text(Keys.ContactWebsite, web));
            return string.Join("\n", lines);
        }

        /// <summary>An organization as a caller hears it: the website spelled out, the number left to the transfer or "text me this".</summary>
        /// <remarks>Each part is one locale text, so a recording (or stand-in) can play it in a language Twilio cannot speak.</remarks>
        private IEnumerable<TextOutput> Spoken(Organization o)
        {
            yield return new TextOutput(o.Description, Text(o.Description));
            if (o.WebsiteSpoken is not null) yield return new TextOutput(o.WebsiteSpoken, Text(o.WebsiteSpoken));
        }

        /// <summary>Directory entries a call can be transferred to, numbered from 1: only directory numbers are ever dialed.</summary>
        private List<(string Digit, Organization Organization, int Index)> Callable(NodeDefinition node)
        {
            IEnumerable<Organization> organizations = node.Kind switch
            {
                NodeKinds.Directory when node.Need is not null => _content.Directory.Lookup(node.Need, _state.Region),
                NodeKinds.Transfer when node.Organization is not null && _content.Directory.Get(node.Organization) is { IsShown: true } o => [o],
                _ => [],
            };
            return [.. organizations.Where(o => o.DialNumber is not null).Take(8)
                .Select((o, i) => ((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), o, i))];
        }

        private (Organization Organization, int Index)? CallTarget(NodeDefinition node, string text)
        {
            if (!Voice) return null;
            foreach (var (digit, organization, index) in Callable(node))
            {
                if (digit == text) return (organization, index);
            }
            return null;
        }

        private int PageCount(NodeDefinition node)
        {
            if (node.Kind is not (NodeKinds.Answer or NodeKinds.Directory)) return 1;
            if (!Voice) return SmsPagesOf(node).Pages.Count;
            return node.Kind == NodeKinds.Answer ? Blocks(node, forSms: false).Count : 1;
        }

        /// <summary>An answer or list as SMS or WhatsApp pages, each within the message budget.</summary>
        private SmsPages SmsPagesOf(NodeDefinition node) =>
            _smsPages.GetOrAdd((node, Culture, _state.Region, _input.Channel), _ =>
            {
                var blocks = Blocks(node, forSms: true);
                var pages = Pages(blocks.Select(b => b.Text), SmsReserve(node));
                return new SmsPages(pages, blocks.Count == 1 && pages.Count == 1 ? blocks[0].Key : null);
            });

        /// <summary>
        /// What an SMS page is sent with, so that the page leaves room for it: the longer footer, and on a list
        /// also its prompt and the "Place:" line (said when the region was just chosen; reserved always, so that
        /// the page breaks do not move between the first page and the next).
        /// </summary>
        private string SmsReserve(NodeDefinition node)
        {
            var footer = Text(Keys.AnswerFooter);
            var more = Text(Keys.SmsMore);
            var reserved = new List<string>();
            if (node.Kind == NodeKinds.Directory)
            {
                if (_state.Region is not null) reserved.Add(Text(Keys.RegionChosen, RegionName(_state.Region)));
                if (node.Prompt is not null) reserved.Add(Text(node.Prompt));
            }
            reserved.Add(footer.Length > more.Length ? footer : more);
            return string.Join(TextPager.Separator, reserved);
        }

        private IReadOnlyList<string> Pages(IEnumerable<string> blocks, string reserved) =>
            TextPager.Pages(blocks, _input.Channel == Channel.WhatsApp
                ? TextPager.LengthBudget(_options.WhatsAppMessageLength, reserved)
                : TextPager.SegmentBudget(_options.SmsSegmentBudget, reserved));

        /// <summary>SMS messages for "text me this" on a call: each within the segment budget.</summary>
        private IReadOnlyList<string> SmsPages(List<TextOutput> blocks, string reserve) =>
            TextPager.Pages(blocks.Select(b => b.Text), TextPager.SegmentBudget(_options.SmsSegmentBudget, reserve));

        private string RegionName(string? region) => region is null or UsRegions.Other ? Text(Keys.RegionOther) : region;

        private Turn Say(string key, params object[] args)
        {
            var spoken = SpokenKey(key);
            _outputs.Add(new TextOutput(spoken, _locales.Text(Culture, spoken, args)));
            return this;
        }

        /// <summary>On a call a text may have a ".voice" variant that spells out what is read badly (a website).</summary>
        private string SpokenKey(string key)
        {
            if (!Voice || _composingSms) return key;
            // The locale's own words first: its spoken variant, else its written text, and only then English's spoken variant.
            var own = _locales.Get(Culture).Texts;
            if (own.ContainsKey(key + VoiceSuffix)) return key + VoiceSuffix;
            if (own.ContainsKey(key)) return key;
            return _locales.English.Texts.ContainsKey(key + VoiceSuffix) ? key + VoiceSuffix : key;
        }

        private string Text(string key, params object[] args) => _locales.Text(Culture, SpokenKey(key), args);

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

        /// <summary>The machine's mutator: a "flow/node" target moves the conversation into that flow.</summary>
        private void Write(string node)
        {
            if (node.Contains('/')) MoveTo(node);
            else _state.Node = node;
        }

        private static TurnResult Done(Turn turn, string outcome) => new(turn._state, turn._outputs, outcome);
    }
}
