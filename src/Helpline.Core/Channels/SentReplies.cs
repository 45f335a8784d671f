using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Flows;
using Helpline.Core.Localization;
using Helpline.Core.Text;

namespace Helpline.Core.Channels;

/// <summary>One SMS the helpline can send, exactly as the webhook would send it, and what it costs.</summary>
/// <param name="File">The flow file of the node the reply presents.</param>
/// <param name="Node">The node ("flow/node") the conversation is at after the reply.</param>
/// <param name="Culture">The reply's language; null before a language is chosen.</param>
/// <param name="Channel">SMS, or Voice for the texts a call's "text me this" sends.</param>
/// <param name="Page">Which page of an answer or list (0 for everything else).</param>
/// <param name="Situation">What the person did to get it ("first message 'hi'", "arrives", "MORE", ...).</param>
public sealed record SentReply(string File, string Node, string? Culture, Channel Channel, int Page, string Situation, string Body)
{
    public SmsCost Cost { get; } = SmsCost.Of(Body);
}

/// <summary>
/// Every reply a texter can be sent, in every language, worked out by running the engine itself on every
/// reachable (node, language, page, region) and rendering the outputs with <see cref="SmsRenderer"/>, as the SMS
/// webhook does: first contact (a greeting, a message it cannot read, each language's name, each digit of the
/// language menu), every menu, every page of every answer and list, the "Place:" page a region choice brings,
/// "not an option", HELP, the messages a call's "text me this" sends, and, with Helpline:MarkLanguagesUnderReview on,
/// each menu and first page as it arrives while the language's review note is still owed.
/// </summary>
public static class SentReplies
{
    /// <summary>First messages a new texter may send: greetings in the commonest languages, and words it cannot read.</summary>
    public static readonly IReadOnlyList<string> FirstMessages = ["hi", "hello", "hola", "bonjour", "oi", "salam", "سلام", "I need help at the border", "?"];

    private const string NotAnOptionInput = "99";

    public static IEnumerable<SentReply> All(ContentBundle content, EngineOptions options)
    {
        var clock = new FixedClock();
        var engine = new ConversationEngine(content, clock, options);
        var flows = content.Compiled;
        var languageMenu = flows.Node(flows.LanguageMenu);
        string FileOf(string qualified) => flows.Flow(CompiledFlows.Split(qualified).Flow)?.File ?? "flows/";

        SentReply? Reply(ConversationState? state, TurnInput input, string situation, int page = 0)
        {
            var turn = engine.Handle(state, input);
            var body = SmsRenderer.Render(turn.Outputs);
            if (body.Length == 0) return null;
            var at = turn.State?.Position ?? state?.Position ?? flows.LanguageMenu;
            return new SentReply(FileOf(at), at, turn.State?.Culture ?? state?.Culture, input.Channel, page, situation, body);
        }

        ConversationState At(string? culture, string qualified, int page = 0, string? region = null)
        {
            var (flow, node) = CompiledFlows.Split(qualified);
            return new ConversationState { Culture = culture, Flow = flow, Node = node, Page = page, Region = region, LastActive = clock.GetUtcNow() };
        }

        // First contact: nothing stored yet.
        foreach (var message in FirstMessages)
            if (Reply(null, TurnInput.Sms(message), $"first message '{message}'") is { } r) yield return r;
        foreach (var locale in content.Locales.Locales)
            if (Reply(null, TurnInput.Sms(locale.Name), $"first message '{locale.Name}'") is { } r) yield return r;
        if (languageMenu is not null)
        {
            foreach (var digit in LanguageDigits(languageMenu))
                if (Reply(At(null, flows.LanguageMenu), TurnInput.Sms(digit), $"language menu, replies {digit}") is { } r) yield return r;
        }

        var reachable = flows.Reachable().Where(q => q != flows.LanguageMenu).Order(StringComparer.Ordinal).ToList();
        foreach (var locale in content.Locales.Locales)
        {
            var culture = locale.Culture;
            var help = content.Locales.Words(culture, Commands.Help).FirstOrDefault() ?? "help";
            if (Reply(At(culture, flows.MainMenu), TurnInput.Sms(help), "HELP") is { } helpReply) yield return helpReply;

            foreach (var qualified in reachable)
            {
                if (flows.Node(qualified) is not { } node) continue; // a missing target: the validator reports it
                IEnumerable<string?> regions = node.Kind == NodeKinds.Directory ? [null, .. RegionsLeadingTo(flows, qualified)] : [null];
                foreach (var region in regions)
                {
                    string? previous = null;
                    for (var page = 0; page < 50; page++)
                    {
                        var reply = Reply(At(culture, qualified, page, region), TurnInput.Sms(Commands.RepeatKey), page == 0 ? "arrives" : "MORE", page);
                        if (reply is null || reply.Body == previous) break;
                        previous = reply.Body;
                        yield return reply;
                        if (node.Kind is not (NodeKinds.Answer or NodeKinds.Directory)) break;
                    }
                }

                if (node.Kind is NodeKinds.Menu or NodeKinds.RegionMenu or NodeKinds.Answer)
                    if (Reply(At(culture, qualified), TurnInput.Sms(NotAnOptionInput), "not an option") is { } wrong) yield return wrong;

                // Helpline:MarkLanguagesUnderReview: where the first reply had no room for the review note, the next reply carries it.
                if (engine.UnderReview.Contains(culture))
                {
                    var owed = At(culture, qualified);
                    owed.ReviewNoteOwed = true;
                    if (Reply(owed, TurnInput.Sms(Commands.RepeatKey), "arrives, review note owed") is { } noted) yield return noted;
                }

                // A region choice: the list's first page, with the "Place:" line.
                if (node.Kind == NodeKinds.RegionMenu)
                {
                    foreach (var option in node.Options)
                        if (Reply(At(culture, qualified), TurnInput.Sms(option.Digit), $"chooses {option.Region}") is { } listed) yield return listed;
                }

                // A call's "text me this": each message it sends is an SMS too.
                if (node.Kind is NodeKinds.Answer or NodeKinds.Directory or NodeKinds.Transfer)
                {
                    var offered = engine.Handle(At(culture, qualified), TurnInput.Keypad(Commands.TextMeDigit));
                    if (offered.State is not { ConfirmingText: true }) continue;
                    var sent = engine.Handle(offered.State, TurnInput.Keypad(Commands.ContinueDigit));
                    var messages = sent.Outputs.OfType<SendTextOutput>().SelectMany(s => s.Messages).ToList();
                    for (var i = 0; i < messages.Count; i++)
                        yield return new SentReply(FileOf(qualified), qualified, culture, Channel.Voice, i, "a call's 'text me this'", messages[i]);
                }
            }
        }
    }

    /// <summary>The language menu's digits as the engine reads them: 1..9, then 0.</summary>
    internal static List<string> LanguageDigits(NodeDefinition menu) =>
        [.. Enumerable.Range(0, menu.Languages.Count).Select(i => i < 9 ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "0")];

    /// <summary>The regions a texter can choose on the way to a list (its region menu's options).</summary>
    private static IEnumerable<string> RegionsLeadingTo(CompiledFlows flows, string list)
    {
        foreach (var flow in flows.All)
        {
            foreach (var node in flow.Nodes.Where(n => n.Kind == NodeKinds.RegionMenu && n.Next is not null))
            {
                if (flows.Resolve(flow.Flow, node.Next!) != list) continue;
                foreach (var region in node.Options.Select(o => o.Region).OfType<string>()) yield return region;
            }
        }
    }

    /// <summary>The measure needs no real time: every state it builds was active just now.</summary>
    private sealed class FixedClock : TimeProvider
    {
        private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
