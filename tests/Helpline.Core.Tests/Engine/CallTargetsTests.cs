using Helpline.Core.Engine;
using Helpline.Core.Flows;

namespace Helpline.Core.Tests.Engine;

/// <summary>A call is only ever put through to a directory organization that has a number.</summary>
public sealed class CallTargetsTests
{
    private static NodeDefinition Cases => TestContent.Minimal.Compiled.Node("legal/cases")!;
    private static NodeDefinition Call => TestContent.Minimal.Compiled.Node("legal/call")!;
    private static NodeDefinition Fear => TestContent.Minimal.Compiled.Node("main/fear")!;

    [Fact]
    public void Of_AList_NumbersOnlyShownOrganizationsWithANumber()
    {
        var target = Assert.Single(CallTargets.Of(TestContent.Minimal.Directory, Cases, null)); // "hidden" is not verified
        Assert.Equal(("1", "eoir", 0), (target.Digit, target.Organization.Id, target.Index));
    }

    [Fact]
    public void Of_ATransferNode_ItsOrganization_AndAnAnswerHasNone()
    {
        Assert.Equal("eoir", Assert.Single(CallTargets.Of(TestContent.Minimal.Directory, Call, null)).Organization.Id);
        Assert.Empty(CallTargets.Of(TestContent.Minimal.Directory, Fear, null));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("18005551212")]
    [InlineData("+15551234567")]
    public void Chosen_KeysNotOnTheList_ChooseNothing(string keys) =>
        Assert.Null(CallTargets.Chosen(TestContent.Minimal.Directory, Cases, null, keys));

    [Fact]
    public void After_TheLastOrganizationFailed_NothingIsLeft()
    {
        Assert.Equal("eoir", CallTargets.After(TestContent.Minimal.Directory, Cases, null, -1)?.Organization.Id);
        Assert.Null(CallTargets.After(TestContent.Minimal.Directory, Cases, null, 0));
        Assert.Null(CallTargets.After(TestContent.Minimal.Directory, Call, null, -1)); // a transfer node has no next
    }

    [Fact]
    public void Of_TheRepositorysLists_AtMostEightSoNineStaysTextMe()
    {
        var content = TestContent.Repo;
        foreach (var node in content.Flows.SelectMany(f => f.Nodes).Where(n => n.Kind == NodeKinds.Directory))
        {
            foreach (var region in new string?[] { null, "TX", "CA" })
                Assert.True(CallTargets.Of(content.Directory, node, region).Count <= CallTargets.Most);
        }
    }
}
