using Helpline.Core.Flows;

namespace Helpline.Core.Tests.Flows;

/// <summary>The picture of a flow is Stateless' export of the machine the engine runs, optionally with one node marked.</summary>
public sealed class FlowDiagramTests
{
    private static CompiledFlows Flows => TestContent.Repo.Compiled;
    private static FlowDefinition Main => Flows.Flow(CompiledFlows.MainFlow)!;

    [Fact]
    public void Draw_Mermaid_HasTheMenusOptions_AndGlobalsOnlyWhenAsked()
    {
        var withGlobals = FlowDiagram.Draw(Flows, Main, DiagramFormat.Mermaid);
        var without = FlowDiagram.Draw(Flows, Main, DiagramFormat.Mermaid, globalCommands: false);

        Assert.StartsWith("stateDiagram-v2", withGlobals);
        Assert.Contains("main --> fear_say : 2", without);
        Assert.Contains("fear_say --> fear : more [after the last page]", without);
        Assert.Contains(": repeat", withGlobals);
        Assert.DoesNotContain(": repeat", without);
    }

    [Fact]
    public void Draw_Dot_IsAGraphvizDigraph()
    {
        Assert.StartsWith("digraph", FlowDiagram.Draw(Flows, Main, DiagramFormat.Dot).TrimStart());
    }

    [Fact]
    public void Mermaid_MarksTheCurrentNode()
    {
        var diagram = FlowDiagram.Mermaid(Flows, Main, "fear_say");
        Assert.Contains($"classDef {FlowDiagram.CurrentClass} ", diagram);
        Assert.EndsWith($"class fear_say {FlowDiagram.CurrentClass}", diagram);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("no_such_node")]
    [InlineData("lawyers")] // a node of another flow
    public void Mermaid_LeavesANodeTheFlowDoesNotHave_Unmarked(string? node)
    {
        Assert.Equal(FlowDiagram.Draw(Flows, Main, DiagramFormat.Mermaid, globalCommands: false).TrimEnd(), FlowDiagram.Mermaid(Flows, Main, node));
    }
}
