using Stateless.Graph;

namespace Helpline.Core.Flows;

public enum DiagramFormat { Mermaid, Dot }

/// <summary>
/// A flow drawn by Stateless' own exporters from the machine the engine builds, so the picture is the
/// machine that runs. The CLI's <c>graph</c> command prints it; the simulator page draws it.
/// </summary>
public static class FlowDiagram
{
    /// <summary>The Mermaid class the simulator page styles to mark where a conversation stands.</summary>
    public const string CurrentClass = "current";

    /// <param name="globalCommands">False leaves out repeat, menu and language, which every node has.</param>
    public static string Draw(CompiledFlows flows, FlowDefinition flow, DiagramFormat format, bool globalCommands = true)
    {
        var position = flow.Start;
        var machine = FlowMachine.Build(flows, flow, () => position, s => position = s, new TurnFacts(), globalCommands);
        var info = machine.GetInfo();
        return format == DiagramFormat.Dot ? UmlDotGraph.Format(info) : MermaidGraph.Format(info);
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
