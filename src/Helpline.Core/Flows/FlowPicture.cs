using System.Globalization;
using System.Net;
using System.Text;
using Stateless.Reflection;

namespace Helpline.Core.Flows;

/// <summary>
/// Draws a flow as an SVG outline for content editors, from the same Stateless machine the engine runs
/// (<see cref="FlowDiagram"/>): each node once, under the node its "back" leads to, so the menus and
/// answers read top to bottom like the phone menu and no line crosses another. An option that leads to a
/// node drawn elsewhere is a dashed link row ("5 ↪ legal_help"). The commands every node has (repeat,
/// main menu, language), "back" and an answer's "more" pages are summarized in a key above the outline,
/// not drawn one by one. The node a conversation is at and its neighbours stand out; the rest is muted.
/// The picture is narrow (an indent per level) and scales down to its panel: no horizontal scrolling.
/// </summary>
internal static class FlowPicture
{
    private const int RowHeight = 30;
    private const int BoxHeight = 24;
    private const int Indent = 30;
    private const int Margin = 8;
    private const int KeyLineHeight = 17;

    private sealed record Row(int Depth, string Label, string Target, bool IsLink, string? Parent, string? Note);

    public static string Draw(FlowDefinition flow, StateMachineInfo withoutGlobals, StateMachineInfo withGlobals, string? currentNode)
    {
        var states = withoutGlobals.States.ToDictionary(s => (string)s.UnderlyingState, StringComparer.Ordinal);
        var own = flow.Nodes.Select(n => n.Id).Where(states.ContainsKey).ToList();
        var ownSet = own.ToHashSet(StringComparer.Ordinal);

        // The tree: a node hangs under the node its "back" leads to (the shortest way in).
        var parentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in own)
        {
            var back = Transitions(states[id]).FirstOrDefault(t => t.Trigger == Triggers.Back);
            if (back.Target is { } target && ownSet.Contains(target)) parentOf[id] = target;
        }

        var rows = new List<Row>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in own.Where(id => !parentOf.ContainsKey(id)))
        {
            var back = Transitions(states[root]).FirstOrDefault(t => t.Trigger == Triggers.Back).Target;
            Place(root, "", 0, null, back is null ? null : $"back ↪ {back}");
        }
        // A cycle with no way in from a root (the validator reports it) still gets drawn.
        foreach (var id in own.Where(id => !placed.Contains(id))) Place(id, "", 0, null, "not reachable from the start");

        void Place(string id, string label, int depth, string? parent, string? note)
        {
            placed.Add(id);
            rows.Add(new Row(depth, label, id, false, parent, note));
            // Several keys to one node (a region menu's regions, say) make one row: "1–5".
            var grouped = Options(states[id], onCall: false).GroupBy(o => o.Target, StringComparer.Ordinal)
                .Select(g => (Trigger: Keys(g.Select(o => o.Trigger).ToList()), Target: g.Key)).ToList();
            // A call's own menu (voice_options) can lead where no text option does (the call's "more topics"):
            // those keys are drawn too, marked ☎, so a node only a call reaches hangs under its menu.
            var callOnly = Options(states[id], onCall: true)
                .Where(o => grouped.All(g => g.Target != o.Target))
                .GroupBy(o => o.Target, StringComparer.Ordinal)
                .Select(g => (Trigger: "☎ " + Keys(g.Select(o => o.Trigger).ToList()), Target: g.Key));
            foreach (var (trigger, target) in grouped.Concat(callOnly))
                Child(id, trigger, target, depth);
            // Where an answer goes after its last page, when that is not simply back up.
            var after = Transitions(states[id]).FirstOrDefault(t => t.Trigger == Triggers.More && t.Target != id).Target;
            if (after is not null && !(parentOf.TryGetValue(id, out var up) && up == after))
                Child(id, "then", after, depth);
        }

        // A node whose "back" leads here is drawn here; any other target is a link row.
        void Child(string id, string trigger, string target, int depth)
        {
            if (parentOf.TryGetValue(target, out var p) && p == id && !placed.Contains(target))
                Place(target, trigger, depth + 1, id, null);
            else if (target != id)
                rows.Add(new Row(depth + 1, trigger, target, true, id, null));
        }

        var neighbours = Neighbours(currentNode, rows);
        return Render(flow, rows, Key(flow, withGlobals, own), currentNode, neighbours);
    }

    /// <summary>The options of a node in the order a caller hears them: digits first, then words such as "next".</summary>
    /// <param name="onCall">False: the options a text gets (and a call too); true: those only a call gets (voice_options).</param>
    private static IEnumerable<(string Trigger, string Target)> Options(StateInfo state, bool onCall) =>
        state.FixedTransitions
            .Where(t => !t.IsInternalTransition && OnlyOnACall(t) == onCall)
            .Select(t => (Trigger: (string)t.Trigger.UnderlyingTrigger, Target: (string?)t.DestinationState.UnderlyingState))
            .Where(t => t.Trigger is not (Triggers.Back or Triggers.More or Triggers.Repeat or Triggers.Menu or Triggers.Language or Triggers.Call))
            .Select(t => (t.Trigger, Target: t.Target!))
            .OrderBy(t => int.TryParse(t.Trigger, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : int.MaxValue)
            .ThenBy(t => t.Trigger, StringComparer.Ordinal);

    /// <summary>"1", "1–5", "1–3, 7, →": runs of digits shortened, other keys after them.</summary>
    private static string Keys(List<string> triggers)
    {
        var parts = new List<string>();
        var digits = triggers.Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : -1).ToList();
        for (var i = 0; i < triggers.Count; i++)
        {
            if (digits[i] < 0) { parts.Add(Short(triggers[i])); continue; }
            var end = i;
            while (end + 1 < triggers.Count && digits[end + 1] == digits[end] + 1) end++;
            parts.Add(end - i >= 2 ? $"{triggers[i]}–{triggers[end]}" : end > i ? $"{triggers[i]}, {triggers[end]}" : triggers[i]);
            i = end;
        }
        return string.Join(", ", parts);
    }

    private static bool OnlyOnACall(Stateless.Reflection.FixedTransitionInfo transition) =>
        transition.GuardConditionsMethodDescriptions.Any(g => g.Description == FlowMachine.OnACall);

    private static IEnumerable<(string Trigger, string? Target)> Transitions(StateInfo state) =>
        state.FixedTransitions
            .Where(t => !t.IsInternalTransition)
            .Select(t => ((string)t.Trigger.UnderlyingTrigger, (string?)t.DestinationState.UnderlyingState));

    private static HashSet<string> Neighbours(string? current, List<Row> rows)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (current is null) return set;
        foreach (var row in rows)
        {
            if (row.Parent == current) set.Add(row.Target);
            if (row.Target == current && row.Parent is not null) set.Add(row.Parent);
        }
        set.Remove(current);
        return set;
    }

    /// <summary>The key: what is on every node and what is left out of the outline, counted from the machine itself.</summary>
    private static List<string> Key(FlowDefinition flow, StateMachineInfo withGlobals, List<string> own)
    {
        var ownSet = own.ToHashSet(StringComparer.Ordinal);
        var triggers = withGlobals.States
            .Where(s => ownSet.Contains((string)s.UnderlyingState))
            .Select(s => s.FixedTransitions.Select(t => (string)t.Trigger.UnderlyingTrigger).ToHashSet(StringComparer.Ordinal))
            .ToList();
        int On(string trigger) => triggers.Count(t => t.Contains(trigger));

        var key = new List<string>();
        var everywhere = new[] { (Triggers.Repeat, "* repeat"), (Triggers.Menu, "0 main menu"), (Triggers.Language, "LANGUAGE") }
            .Where(g => On(g.Item1) > 0).Select(g => On(g.Item1) == own.Count ? g.Item2 : $"{g.Item2} ({On(g.Item1)})").ToList();
        if (everywhere.Count > 0) key.Add($"On every node ({own.Count}): {string.Join(" · ", everywhere)}");
        key.Add($"# back goes up one level ({On(Triggers.Back)} nodes) · MORE reads an answer's next page ({On(Triggers.More)} answers), then goes up");
        key.Add("Under a node: its options by key; ↪ an option that leads to a node drawn elsewhere");
        if (flow.Nodes.Any(n => n.Kind is NodeKinds.Directory or NodeKinds.Transfer)) key.Add("☎ a list or transfer that can put a caller through to an organization");
        return key;
    }

    private static string Render(FlowDefinition flow, List<Row> rows, List<string> key, string? current, HashSet<string> neighbours)
    {
        var kinds = flow.Nodes.ToDictionary(n => n.Id, n => n.Kind, StringComparer.Ordinal);
        var top = Margin + key.Count * KeyLineHeight + 10;
        var width = key.Max(k => TextWidth(k, 11.5, bold: false)) * 1.05 + 2 * Margin;
        var boxes = new List<(Row Row, double X, double Y, double W)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var x = Margin + row.Depth * Indent;
            var w = BoxWidth(row, kinds);
            boxes.Add((row, x, top + i * RowHeight, w));
            width = Math.Max(width, x + w + Margin + (row.Note is null ? 0 : TextWidth(row.Note, 11, bold: false) + 8));
        }
        var height = top + rows.Count * RowHeight + Margin;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" class="flow-outline" width="{Math.Ceiling(width)}" height="{height}" viewBox="0 0 {Math.Ceiling(width)} {height}" role="img" aria-label="{Xml($"Flow {flow.Flow}")}" data-flow="{Xml(flow.Flow)}">""");
        svg.Append("""<style>.flow-outline text{font:13px system-ui,sans-serif;fill:#111827}.flow-outline .key{font-size:11.5px;fill:#4b5563}.flow-outline .node rect{fill:#fff;stroke:#9ca3af}.flow-outline .node.menu rect{fill:#eff6ff;stroke:#60a5fa}.flow-outline .node.answer rect{fill:#f9fafb}.flow-outline .digit{fill:#374151;font-weight:600}.flow-outline .kind{fill:#6b7280;font-size:11px}.flow-outline .link rect{fill:none;stroke:#9ca3af;stroke-dasharray:4 3}.flow-outline .link text{fill:#4b5563}.flow-outline .edge{fill:none;stroke:#9ca3af;stroke-width:1.2}.flow-outline.has-current .node,.flow-outline.has-current .link,.flow-outline.has-current .edge{opacity:.45}.flow-outline .node.neighbour,.flow-outline .link.neighbour,.flow-outline .edge.neighbour{opacity:1}.flow-outline .node.neighbour rect{stroke:#b45309;stroke-width:1.5}.flow-outline .edge.neighbour{stroke:#b45309}.flow-outline .node.current{opacity:1}.flow-outline .node.current rect{fill:#fde68a;stroke:#b45309;stroke-width:3}.flow-outline .note{fill:#6b7280;font-size:11px}</style>""");
        if (current is not null && kinds.ContainsKey(current)) svg.Replace("class=\"flow-outline\"", "class=\"flow-outline has-current\"");

        for (var i = 0; i < key.Count; i++)
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="key" x="{Margin}" y="{Margin + 12 + i * KeyLineHeight}">{Xml(key[i])}</text>""");

        // Connectors first, so boxes sit on top of them: down from the parent, then across to the row.
        var position = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        foreach (var (row, x, y, _) in boxes) if (!row.IsLink) position[row.Target] = (x, y);
        foreach (var (row, x, y, _) in boxes)
        {
            if (row.Parent is null || !position.TryGetValue(row.Parent, out var from)) continue;
            var lit = current is not null && (row.Parent == current || row.Target == current) ? " neighbour" : "";
            var midY = y + BoxHeight / 2.0;
            svg.Append(CultureInfo.InvariantCulture, $"""<path class="edge{lit}" d="M{from.X + 12} {from.Y + BoxHeight} V{midY} H{x}"/>""");
        }

        foreach (var (row, x, y, w) in boxes)
        {
            var kind = kinds.GetValueOrDefault(row.Target);
            var state = row.Target == current && !row.IsLink ? " current" : neighbours.Contains(row.Target) || (row.IsLink && row.Parent == current) ? " neighbour" : "";
            var css = row.IsLink ? "link" : $"node {KindClass(kind)}";
            svg.Append(CultureInfo.InvariantCulture, $"""<g class="{css}{state}" data-node="{Xml(row.Target)}">""");
            svg.Append(CultureInfo.InvariantCulture, $"""<title>{Xml(Title(row, kind))}</title>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{y}" width="{w:0.#}" height="{BoxHeight}" rx="5"/>""");
            var textX = x + 7.0;
            var baseline = y + 16.5;
            if (row.Label.Length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text class="digit" x="{textX:0.#}" y="{baseline}">{Xml(row.Label)}</text>""");
                textX += TextWidth(row.Label, 13, bold: true) + 6;
            }
            var name = row.IsLink ? $"↪ {row.Target}" : row.Target;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{textX:0.#}" y="{baseline}">{Xml(name)}</text>""");
            textX += TextWidth(name, 13, bold: row.Target == current) + 6;
            if (!row.IsLink && KindLabel(kind) is { Length: > 0 } badge)
                svg.Append(CultureInfo.InvariantCulture, $"""<text class="kind" x="{textX:0.#}" y="{baseline}">{Xml(badge)}</text>""");
            if (row.Note is not null)
                svg.Append(CultureInfo.InvariantCulture, $"""<text class="note" x="{x + w + 8:0.#}" y="{baseline}">{Xml(row.Note)}</text>""");
            svg.Append("</g>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static double BoxWidth(Row row, Dictionary<string, string> kinds)
    {
        var text = (row.Label.Length > 0 ? TextWidth(row.Label, 13, bold: true) + 6 : 0)
            + TextWidth(row.IsLink ? $"↪ {row.Target}" : row.Target, 13, bold: true)
            + (row.IsLink ? 0 : TextWidth(KindLabel(kinds.GetValueOrDefault(row.Target)), 11, bold: false) + 6);
        return Math.Ceiling(text + 14);
    }

    /// <summary>
    /// A text's width in pixels, estimated per character for a wide sans-serif (DejaVu Sans, what Debian's
    /// Chromium falls back to): on the generous side, so a box is never narrower than its text.
    /// </summary>
    internal static double TextWidth(string text, double fontSize, bool bold)
    {
        var em = 0.0;
        foreach (var c in text)
        {
            em += c switch
            {
                'i' or 'j' or 'l' or '.' or ',' or ':' or '\'' or '|' or ' ' => 0.32,
                'f' or 't' or 'r' or '(' or ')' or '/' => 0.42,
                'm' or 'w' or 'M' or 'W' => 0.92,
                '_' => 0.52,
                >= 'A' and <= 'Z' => 0.72,
                >= '0' and <= '9' => 0.64,
                < '\u0080' => 0.62,
                _ => 0.9, // arrows, ☎ and other symbols
            };
        }
        return em * fontSize * (bold ? 1.15 : 1.0);
    }

    private static string Short(string trigger) => trigger == Triggers.Next ? "→" : trigger;

    private static string KindClass(string? kind) => kind switch
    {
        NodeKinds.Menu or NodeKinds.RegionMenu or NodeKinds.LanguageMenu => "menu",
        NodeKinds.Answer => "answer",
        _ => "other",
    };

    private static string KindLabel(string? kind) => kind switch
    {
        NodeKinds.LanguageMenu => "languages",
        NodeKinds.RegionMenu => "region menu",
        NodeKinds.Menu => "menu",
        NodeKinds.Answer => "answer",
        NodeKinds.Directory => "list ☎",
        NodeKinds.Transfer => "transfer ☎",
        null or "" => "",
        _ => kind.Replace('_', ' '),
    };

    private static string Title(Row row, string? kind) => row.IsLink
        ? $"{row.Parent} --{row.Label}--> {row.Target} (drawn {(row.Target.Contains('/') ? "in its own flow" : "elsewhere in this outline")})"
        : $"{row.Target} ({KindLabel(kind)}){(row.Parent is null ? "" : $", reached from {row.Parent} with {row.Label}")}";

    private static string Xml(string text) => WebUtility.HtmlEncode(text);
}
