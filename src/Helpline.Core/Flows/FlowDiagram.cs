using Stateless.Graph;

namespace Helpline.Core.Flows;

public enum DiagramFormat { Mermaid, Dot, Svg }

/// <summary>
/// A flow drawn from the machine the engine builds, so the picture is the machine that runs: as text by
/// Stateless' own exporters (Mermaid, DOT), and as an SVG outline for editors (<see cref="FlowPicture"/>).
/// The CLI's <c>graph</c> command prints them; the simulator page shows the SVG, drawn here on the server,
/// so the page needs no diagram library and looks the same in the container.
/// </summary>
public static class FlowDiagram
{
    /// <summary>The Mermaid class the simulator page styles to mark where a conversation stands.</summary>
    public const string CurrentClass = "current";

    /// <param name="globalCommands">False leaves out repeat, menu and language, which every node has.</param>
    public static string Draw(CompiledFlows flows, FlowDefinition flow, DiagramFormat format, bool globalCommands = true)
    {
        if (format == DiagramFormat.Svg) return Svg(flows, flow, currentNode: null);
        var info = Info(flows, flow, globalCommands);
        return format == DiagramFormat.Dot ? UmlDotGraph.Format(info) : MermaidGraph.Format(info);
    }

    /// <summary>The editor's picture of the flow, with <paramref name="currentNode"/> and its neighbours marked (if the flow has it).</summary>
    public static string Svg(CompiledFlows flows, FlowDefinition flow, string? currentNode) =>
        FlowPicture.Draw(flow, Info(flows, flow, globalCommands: false), Info(flows, flow, globalCommands: true),
            currentNode is not null && flow.Node(currentNode) is not null ? currentNode : null);

    private static Stateless.Reflection.StateMachineInfo Info(CompiledFlows flows, FlowDefinition flow, bool globalCommands)
    {
        var position = flow.Start;
        return FlowMachine.Build(flows, flow, () => position, s => position = s, new TurnFacts(), globalCommands).GetInfo();
    }

    /// <summary>
    /// The Mermaid diagram with one of the flow's nodes marked (<see cref="CurrentClass"/>). A node the
    /// flow does not have, or whose id Mermaid could not take in a class statement, is left unmarked.
    /// </summary>
    public static string Mermaid(CompiledFlows flows, FlowDefinition flow, string? currentNode, bool globalCommands = false)
    {
        var diagram = Draw(flows, flow, DiagramFormat.Mermaid, globalCommands).TrimEnd();
        if (currentNode is null || flow.Node(currentNode) is null || !currentNode.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            return diagram;
        return diagram
            + $"\n\tclassDef {CurrentClass} fill:#fde68a,stroke:#b45309,stroke-width:3px"
            + $"\n\tclass {currentNode} {CurrentClass}";
    }
}
