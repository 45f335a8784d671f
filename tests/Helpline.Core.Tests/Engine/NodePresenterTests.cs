using Helpline.Core.Engine;
using Helpline.Core.Flows;

namespace Helpline.Core.Tests.Engine;

/// <summary>Presenting where a conversation stands: the same node said for a call and written for a text.</summary>
public sealed class NodePresenterTests
{
    private static NodeDefinition Node(string qualified) => TestContent.Minimal.Compiled.Node(qualified)!;

    private static NodePresenter Presenter(Channel channel, int page = 0) =>
        new(TestContent.Minimal, new SmsPaging(TestContent.Minimal, new EngineOptions()), new ConversationState { Culture = "en", Page = page }, channel);

    private static List<string?> Keys(NodePresenter presenter) => [.. presenter.Outputs.OfType<TextOutput>().Select(t => t.Key)];

    [Fact]
    public void Present_AnswerOnACall_OnePartAtATime_ThenTheEnd()
    {
        var first = Presenter(Channel.Voice);
        first.Present(Node("main/fear"));
        Assert.Equal(["fear.1", Helpline.Core.Engine.Keys.VoiceMore], Keys(first));

        var last = Presenter(Channel.Voice, page: 1);
        last.Present(Node("main/fear"));
        Assert.Equal(["fear.2", Helpline.Core.Engine.Keys.VoiceAnswerEnd], Keys(last));
    }

    [Fact]
    public void Present_AnswerInAText_BothTextsOnOnePage_WithTheAnswerFooter()
    {
        var presenter = Presenter(Channel.Sms);
        presenter.Present(Node("main/fear"));
        var page = Assert.IsType<TextOutput>(presenter.Outputs[0]);
        Assert.Contains("Tell the officer", page.Text);
        Assert.Contains("interpreter", page.Text);
        Assert.Equal(Helpline.Core.Engine.Keys.AnswerFooter, Keys(presenter)[^1]);
    }

    [Fact]
    public void Present_ListOnACall_OffersToCallEachOrganizationByItsDescription()
    {
        var presenter = Presenter(Channel.Voice);
        presenter.Present(Node("legal/cases"));
        var choice = Assert.Single(presenter.Outputs.OfType<ChoicesOutput>().Single().Choices);
        Assert.Equal(("1", "org.eoir"), (choice.Digit, choice.LabelKey));
    }

    [Fact]
    public void Present_ListInAText_GivesTheContactsAndNoChoices()
    {
        var presenter = Presenter(Channel.Sms);
        presenter.Present(Node("legal/cases"));
        Assert.Empty(presenter.Outputs.OfType<ChoicesOutput>());
        Assert.Contains(presenter.Outputs.OfType<TextOutput>(), t => t.Text.Contains("Phone: 1-800-898-7180", StringComparison.Ordinal));
    }

    [Fact]
    public void Present_MenuOnACall_ChoicesAndTheVoiceFooter_InAText_TheMenuFooter()
    {
        var call = Presenter(Channel.Voice);
        call.Present(Node("main/main"));
        Assert.Equal(["1", "2"], call.Outputs.OfType<ChoicesOutput>().Single().Choices.Select(c => c.Digit));
        Assert.Equal(Helpline.Core.Engine.Keys.VoiceMenuFooter, Keys(call)[^1]);

        var text = Presenter(Channel.Sms);
        text.Present(Node("main/main"));
        Assert.Equal(Helpline.Core.Engine.Keys.MenuFooter, Keys(text)[^1]);
    }

    [Fact]
    public void Present_LanguageMenu_EachLanguageOffersItselfInItsOwnWords()
    {
        var presenter = Presenter(Channel.Sms);
        presenter.Present(Node("main/language"));
        var languages = presenter.Outputs.OfType<LanguageChoicesOutput>().Single().Choices;
        Assert.Equal([("1", "Para español,"), ("2", "For English,")], languages.Select(l => (l.Digit, l.Offer)));
    }

    [Fact]
    public void PageCount_AnswerOnACall_IsItsParts()
    {
        Assert.Equal(2, Presenter(Channel.Voice).PageCount(Node("main/fear")));
        Assert.Equal(1, Presenter(Channel.Sms).PageCount(Node("main/fear")));
        Assert.Equal(1, Presenter(Channel.Voice).PageCount(Node("main/main")));
    }
}
