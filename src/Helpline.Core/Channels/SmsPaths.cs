using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Flows;

namespace Helpline.Core.Channels;

/// <summary>What one way through the helpline costs a texter: replies received and SMS segments, first message included.</summary>
public sealed record PathCost(string Culture, string FirstMessage, string Target, int Replies, int Segments, bool Reached);

/// <summary>
/// Walks the engine as a texter of one language would, from a first message to a node: at the language menu they
/// reply with their language's number, in another language they type their language's name, on a menu they
/// take the shortest way to the node, on a region menu they choose the region, and on the answer they read
/// every page (reply MORE). Each reply is measured with <see cref="Text.SmsCost"/> as the webhook sends it.
/// </summary>
public static class SmsPaths
{
    public const string CredibleFear = "main/fear_say";
    public const string TexasLawyers = "legal_help/lawyers";

    public static PathCost Cost(ContentBundle content, EngineOptions options, string culture, string firstMessage, string target, string? region = null)
    {
        var engine = new ConversationEngine(content, TimeProvider.System, options);
        var flows = content.Compiled;
        var locale = content.Locales.Get(culture);
        var state = (ConversationState?)null;
        var input = firstMessage;
        int replies = 0, segments = 0;

        for (var turnCount = 0; turnCount < 30; turnCount++)
        {
            var before = state;
            var turn = engine.Handle(state, TurnInput.Sms(input));
            var cost = Text.SmsCost.Of(SmsRenderer.Render(turn.Outputs)).Segments;
            // Reading on from an answer's last page leaves it: the answer was read in full one reply ago.
            if (before?.Position == target && (turn.State?.Position != target || turn.State.Page <= before.Page))
                return new(culture, firstMessage, target, replies, segments, true);
            replies++;
            segments += cost;
            state = turn.State;
            if (state is null) break;

            var here = state.Position;
            var node = flows.Node(here)!;
            if (state.Culture != culture)
            {
                input = node.Kind == NodeKinds.LanguageMenu
                    ? SentReplies.LanguageDigits(node)[node.Languages.IndexOf(culture)]
                    : locale.Name;
                continue;
            }
            if (here == target)
            {
                // A list is reached with its first contacts; an answer is read to its last page.
                if (node.Kind != NodeKinds.Answer) return new(culture, firstMessage, target, replies, segments, true);
                input = Commands.ContinueDigit;
                continue;
            }
            var next = NextStep(flows, here, target, node, region);
            if (next is null) break;
            input = next;
        }
        return new(culture, firstMessage, target, replies, segments, false);
    }

    /// <summary>The digit that takes the shortest way from here towards the target.</summary>
    private static string? NextStep(CompiledFlows flows, string here, string target, NodeDefinition node, string? region)
    {
        if (node.Kind == NodeKinds.RegionMenu)
            return node.Options.FirstOrDefault(o => string.Equals(o.Region, region, StringComparison.OrdinalIgnoreCase))?.Digit;

        var firstStep = new Dictionary<string, string>(StringComparer.Ordinal) { [here] = "" };
        var queue = new Queue<string>([here]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            var (flowId, nodeId) = CompiledFlows.Split(current);
            if (flows.Flow(flowId) is not { } flow || flow.Node(nodeId) is not { } at) continue;
            foreach (var (trigger, next) in flows.Edges(flow, at))
            {
                if (firstStep.ContainsKey(next)) continue;
                firstStep[next] = current == here ? trigger : firstStep[current];
                if (next == target) return firstStep[next] == Triggers.Next ? null : firstStep[next];
                queue.Enqueue(next);
            }
        }
        return null;
    }
}
