namespace Helpline.Core.Flows;

/// <summary>
/// The flows indexed once per content load: node lookup across files, each node's parent
/// (where "back" leads), and the language and main menus the global commands lead to.
/// </summary>
public sealed class CompiledFlows
{
    public const string MainFlow = "main";

    private readonly Dictionary<string, FlowDefinition> _flows;
    private readonly Dictionary<string, string> _parents = new(StringComparer.Ordinal);

    public CompiledFlows(IEnumerable<FlowDefinition> flows)
    {
        _flows = [];
        foreach (var flow in flows) _flows.TryAdd(flow.Flow, flow);
        if (_flows.TryGetValue(MainFlow, out var main))
        {
            LanguageMenu = Qualify(MainFlow, main.Start);
            var start = main.Node(main.Start);
            MainMenu = start?.Next is { } next ? Resolve(MainFlow, next) : LanguageMenu;
            FindParents();
        }
    }

    /// <summary>"main/language": where a conversation without a language starts.</summary>
    public string LanguageMenu { get; } = "";
    /// <summary>"main/main": where 0 and "menu" lead.</summary>
    public string MainMenu { get; } = "";

    public IEnumerable<FlowDefinition> All => _flows.Values;

    public FlowDefinition? Flow(string id) => _flows.GetValueOrDefault(id);

    public NodeDefinition? Node(string qualified)
    {
        var (flow, node) = Split(qualified);
        return Flow(flow)?.Node(node);
    }

    public string? Parent(string qualified) => _parents.GetValueOrDefault(qualified);

    /// <summary>A target as written in a flow ("node", "flow/node" or "flow") made absolute.</summary>
    public string Resolve(string fromFlow, string target)
    {
        if (target.Contains('/')) return target;
        if (Flow(fromFlow)?.Node(target) is not null) return Qualify(fromFlow, target);
        return _flows.TryGetValue(target, out var other) ? Qualify(target, other.Start) : Qualify(fromFlow, target);
    }

    public static string Qualify(string flow, string node) => $"{flow}/{node}";

    public static (string Flow, string Node) Split(string qualified)
    {
        var slash = qualified.IndexOf('/');
        return slash < 0 ? ("", qualified) : (qualified[..slash], qualified[(slash + 1)..]);
    }

    /// <summary>Every target a node can lead to, with what leads there, for a text or (<paramref name="voice"/>) a call.</summary>
    public IEnumerable<(string Trigger, string Target)> Edges(FlowDefinition flow, NodeDefinition node, bool voice = false)
    {
        foreach (var option in node.OptionsOn(voice))
        {
            var target = string.IsNullOrEmpty(option.Goto) ? node.Next : option.Goto;
            if (!string.IsNullOrEmpty(target)) yield return (option.Digit, Resolve(flow.Flow, target));
        }
        if (!string.IsNullOrEmpty(node.Next)) yield return (Triggers.Next, Resolve(flow.Flow, node.Next));
    }

    // Breadth-first from the language menu: a node's parent is the first node that leads to it,
    // so "back" retraces the shortest way in and the graph can draw it.
    private void FindParents()
    {
        var queue = new Queue<string>([LanguageMenu]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { LanguageMenu };
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            var (flowId, nodeId) = Split(current);
            if (Flow(flowId) is not { } flow || flow.Node(nodeId) is not { } node) continue;
            // A call's own menus (voice_options) lead to nodes too: they are reachable, and back from them leads here.
            foreach (var (_, target) in Edges(flow, node).Concat(Edges(flow, node, voice: true)))
            {
                if (!seen.Add(target)) continue;
                _parents[target] = current;
                queue.Enqueue(target);
            }
        }
    }

    /// <summary>Nodes reachable from the language menu (for the validator).</summary>
    public IReadOnlySet<string> Reachable() => _parents.Keys.Append(LanguageMenu).ToHashSet(StringComparer.Ordinal);
}

/// <summary>Trigger names of the conversation machines besides option digits.</summary>
public static class Triggers
{
    public const string Next = "next";
    public const string Menu = "menu";
    public const string Back = "back";
    public const string Repeat = "repeat";
    public const string More = "more";
    public const string Language = "language";
    public const string Call = "call";
    /// <summary>On a call, "text me this" (key 9) on an answer, list or transfer: offered, then confirmed.</summary>
    public const string TextMe = "text me";
}
