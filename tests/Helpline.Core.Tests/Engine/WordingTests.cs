using Helpline.Core.Engine;

namespace Helpline.Core.Tests.Engine;

/// <summary>A call says a text's spoken variant where there is one; a text (and a call's "text me this") is written.</summary>
public sealed class WordingTests
{
    private static Wording Words(bool spoken, string culture = "en") => new(TestContent.Minimal.Locales, new ConversationState { Culture = culture }, spoken);

    [Fact]
    public void Key_Spoken_TakesTheVoiceVariant_Written_ThePlainText()
    {
        Assert.Equal("directory.website" + ConversationEngine.VoiceSuffix, Words(spoken: true).Key("directory.website"));
        Assert.Equal("directory.website", Words(spoken: false).Key("directory.website"));
        Assert.Equal("directory.website", Words(spoken: true).Written.Key("directory.website"));
    }

    [Fact]
    public void Key_Spoken_KeyWithoutVariant_StaysAsItIs() =>
        Assert.Equal("voice.more", Words(spoken: true).Key("voice.more"));

    [Fact]
    public void Text_FollowsALanguageChosenMidTurn()
    {
        var state = new ConversationState { Culture = "en" };
        var words = new Wording(TestContent.Minimal.Locales, state, spoken: false);
        Assert.Equal("Main menu:", words.Text("main.prompt"));
        state.Culture = "es";
        Assert.Equal("Menú principal:", words.Text("main.prompt"));
    }

    [Fact]
    public void Output_CarriesTheKeyItWasFoundUnder()
    {
        var output = Words(spoken: true).Output("directory.website", "example.org");
        Assert.Equal(new TextOutput("directory.website.voice", "Website: example.org."), output);
    }

    [Theory]
    [InlineData(null, "another state")]
    [InlineData("other", "another state")]
    [InlineData("TX", "TX")]
    public void RegionName_StateCodeOrAnotherPlace(string? region, string said) =>
        Assert.Equal(said, Words(spoken: false).RegionName(region));
}
