using System.Xml.Linq;
using Helpline.Core.Flows;

namespace Helpline.Core.Tests.Flows;

/// <summary>
/// The editor's picture (FlowDiagram.Svg): an outline drawn from the machine the engine runs, each node once
/// under the node "back" leads to, the commands every node has summarized, the current node and its neighbours marked.
/// </summary>
public sealed class FlowPictureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static CompiledFlows Flows => TestContent.Repo.Compiled;
    private static FlowDefinition Main => Flows.Flow(CompiledFlows.MainFlow)!;
    private static FlowDefinition LegalHelp => Flows.Flow("legal_help")!;

    private static XElement Draw(FlowDefinition flow, string? node) => XElement.Parse(FlowDiagram.Svg(Flows, flow, node));

    private static List<XElement> Groups(XElement svg, string kind) =>
        svg.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class"))?.Split(' ').Contains(kind) == true).ToList();

    private static string Node(XElement g) => (string)g.Attribute("data-node")!;

    private static string Classes(XElement svg, string node) =>
        (string)Groups(svg, "node").Single(g => Node(g) == node).Attribute("class")!;

    [Fact]
    public void Svg_DrawsEveryNodeOfTheFlowExactlyOnce()
    {
        var nodes = Groups(Draw(Main, null), "node").Select(Node).ToList();

        Assert.Equal(Main.Nodes.Select(n => n.Id).Order(), nodes.Order());
    }

    [Fact]
    public void Svg_AnOptionToANodeDrawnElsewhere_IsALinkRowWithItsKey()
    {
        var svg = Draw(Main, null);

        // fear's option 5 leads to legal_help, which hangs under main (its "back").
        var link = Groups(svg, "link").Single(g => Node(g) == "legal_help" && g.Value.Contains("5"));
        Assert.Contains("fear --5--> legal_help", link.Element(Svg + "title")!.Value);
        // An option into another flow is a link too, never a node of this one.
        Assert.Contains(Groups(svg, "link"), g => Node(g) == "legal_help/detention_list");
    }

    [Fact]
    public void Svg_TheCommandsEveryNodeHas_AreSummarizedNotDrawn()
    {
        var svg = Draw(Main, null);
        var key = string.Join("\n", svg.Elements(Svg + "text").Select(t => t.Value));

        Assert.Contains($"On every node ({Main.Nodes.Count}): * repeat · 0 main menu · LANGUAGE", key);
        Assert.Contains("# back goes up one level", key);
        // One row per node or link: no repeat, menu, back or more edges drawn one by one.
        var edges = svg.Elements(Svg + "path").Count();
        Assert.Equal(Groups(svg, "node").Count + Groups(svg, "link").Count - 1, edges);
    }

    [Fact]
    public void Svg_ANodeOnlyACallOrAnAnswersLastPageReaches_HangsUnderIt()
    {
        var titles = Groups(Draw(Main, null), "node").Select(g => g.Element(Svg + "title")!.Value).ToList();

        // voice_options: the call's "more topics" is key 5 of the main menu; after separated children's last page, the ORR line.
        Assert.Contains("more_topics (menu), reached from main with ☎ 5", titles);
        Assert.Contains("call_orr (transfer ☎), reached from separated_children with then", titles);
    }

    [Fact]
    public void Svg_MarksTheCurrentNode_AndItsNeighbours_AndMutesTheRest()
    {
        var svg = Draw(Main, "fear");

        Assert.Contains("has-current", (string)svg.Attribute("class")!);
        Assert.Contains("current", Classes(svg, "fear").Split(' '));
        foreach (var neighbour in new[] { "main", "fear_say", "fear_questions", "fear_decision", "reasonable_fear", "legal_help" })
            Assert.Contains("neighbour", Classes(svg, neighbour).Split(' '));
        foreach (var other in new[] { "border", "apply", "deadline", "language" })
        {
            Assert.DoesNotContain("neighbour", Classes(svg, other).Split(' '));
            Assert.DoesNotContain("current", Classes(svg, other).Split(' '));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nowhere")]
    public void Svg_NoNodeOrOneTheFlowDoesNotHave_MarksNothing(string? node)
    {
        var svg = Draw(Main, node);

        Assert.DoesNotContain("has-current", (string)svg.Attribute("class")!);
        Assert.DoesNotContain(Groups(svg, "node"), g => ((string)g.Attribute("class")!).Contains("current") || ((string)g.Attribute("class")!).Contains("neighbour"));
    }

    [Fact]
    public void Svg_KeysToTheSameNode_MakeOneRow()
    {
        var svg = Draw(LegalHelp, null);

        // Every region of the region menu leads to the same list: one row "1–5, →", not five.
        var lawyers = Groups(svg, "node").Single(g => Node(g) == "lawyers");
        Assert.StartsWith("1–5", lawyers.Elements(Svg + "text").First().Value);
        Assert.DoesNotContain(Groups(svg, "link"), g => Node(g) == "lawyers");
    }

    [Fact]
    public void Svg_IsNarrowEnoughForALaptopPanel()
    {
        foreach (var flow in Flows.All)
        {
            var width = double.Parse((string)Draw(flow, null).Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(width, 200, 720);
        }
    }
}
