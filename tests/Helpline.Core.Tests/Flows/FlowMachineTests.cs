using Helpline.Core.Flows;

namespace Helpline.Core.Tests.Flows;

/// <summary>The machine decides what a trigger does on a node; the picture is drawn from the same machine.</summary>
public sealed class FlowMachineTests
{
    private static CompiledFlows Flows => TestContent.Minimal.Compiled;

    private static (Stateless.StateMachine<string, string> Machine, Func<string> Position) Build(string node, TurnFacts facts)
    {
        var position = node;
        var machine = FlowMachine.Build(Flows, Flows.Flow("main")!, () => position, s => position = s, facts, onlyNode: node);
        return (machine, () => position);
    }

    [Fact]
    public void More_WithPagesLeft_TurnsThePageAndStays()
    {
        var pages = 0;
        var (machine, position) = Build("fear", new TurnFacts { HasLanguage = true, HasMorePages = true, NextPage = () => pages++ });
        machine.Fire(Triggers.More);
        Assert.Equal(("fear", 1), (position(), pages));
    }

    [Fact]
    public void More_AfterTheLastPage_GoesBackWithoutTurningAPage()
    {
        var pages = 0;
        var (machine, position) = Build("fear", new TurnFacts { HasLanguage = true, HasMorePages = false, NextPage = () => pages++ });
        machine.Fire(Triggers.More);
        Assert.Equal(("main", 0), (position(), pages));
    }

    [Fact]
    public void TextMe_OnlyOnACall_OffersAndStays()
    {
        var offered = false;
        var (call, position) = Build("fear", new TurnFacts { HasLanguage = true, OnCall = true, OfferText = () => offered = true });
        call.Fire(Triggers.TextMe);
        Assert.Equal(("fear", true), (position(), offered));

        var (text, _) = Build("fear", new TurnFacts { HasLanguage = true, OnCall = false });
        Assert.False(text.CanFire(Triggers.TextMe));
        var (menu, _) = Build("main", new TurnFacts { HasLanguage = true, OnCall = true });
        Assert.False(menu.CanFire(Triggers.TextMe));
    }

    [Fact]
    public void MainMenu_ACallsOwnOptions_OnACall_TheTextOptionsByText()
    {
        // The repository's main menu: 9 topics by text, 5 on a call (voice_options), 5 being "other topics".
        var flows = TestContent.Repo.Compiled;
        var main = flows.Flow(CompiledFlows.MainFlow)!;
        string After(string key, bool onCall)
        {
            var position = "main";
            var machine = FlowMachine.Build(flows, main, () => position, s => position = s, new TurnFacts { HasLanguage = true, OnCall = onCall }, onlyNode: "main");
            machine.Fire(key);
            return position;
        }
        Assert.Equal(("court", "more_topics"), (After("5", onCall: false), After("5", onCall: true)));
        Assert.Equal(("fear_say", "fear"), (After("2", onCall: false), After("2", onCall: true)));
        Assert.Equal(("border", "border"), (After("1", onCall: false), After("1", onCall: true)));
        var position = "main";
        var call = FlowMachine.Build(flows, main, () => position, s => position = s, new TurnFacts { HasLanguage = true, OnCall = true }, onlyNode: "main");
        Assert.False(call.CanFire("9")); // "About" is one level down on a call

        // And the picture, drawn from the same machine, shows both.
        var picture = FlowDiagram.Draw(flows, main, DiagramFormat.Mermaid, globalCommands: false);
        Assert.Contains("main --> more_topics : 5 [on a call]", picture);
        Assert.Contains("main --> court : 5 [by text]", picture);
    }

    [Fact]
    public void Draw_ShowsTextMeAndMoreOnAnswers()
    {
        var diagram = FlowDiagram.Draw(Flows, Flows.Flow("main")!, DiagramFormat.Mermaid, globalCommands: false);
        Assert.Contains(Triggers.TextMe, diagram);
        Assert.Contains("more pages", diagram);
    }
}
