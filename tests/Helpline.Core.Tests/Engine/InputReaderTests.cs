using Helpline.Core.Engine;
using Helpline.Core.Flows;

namespace Helpline.Core.Tests.Engine;

/// <summary>Reading what a person sent: keys, keywords, commands in their language, a language's name.</summary>
public sealed class InputReaderTests
{
    private static CompiledFlows Flows => TestContent.Minimal.Compiled;
    private static NodeDefinition Main => Flows.Node("main/main")!;
    private static NodeDefinition Fear => Flows.Node("main/fear")!;
    private static NodeDefinition Cases => Flows.Node("legal/cases")!;

    private static InputReader Reader(Channel channel = Channel.Sms, string? culture = "en") =>
        new(TestContent.Minimal.Locales, new ConversationState { Culture = culture }, channel);

    [Theory]
    [InlineData("1", "1")]
    [InlineData("fear", "1")]
    [InlineData("i need a lawyer please", "2")]
    [InlineData("0", Triggers.Menu)]
    [InlineData("menu", Triggers.Menu)]
    [InlineData("#", Triggers.Back)]
    [InlineData("back", Triggers.Back)]
    [InlineData("*", Triggers.Repeat)]
    [InlineData("more", Triggers.Repeat)] // a menu has no more pages: MORE shows it again
    [InlineData("language", Triggers.Language)]
    public void TriggerFor_OnAMenu_ReadsOptionsKeywordsAndCommands(string text, string trigger) =>
        Assert.Equal(trigger, Reader().TriggerFor(Main, text, canCall: false));

    [Fact]
    public void TriggerFor_KeywordsOfTwoOptionsInOneSentence_IsNothing() =>
        Assert.Null(Reader().TriggerFor(Main, "afraid of my lawyer", canCall: false));

    [Fact]
    public void TriggerFor_SpanishConversation_ReadsSpanishAndEnglishCommands()
    {
        var reader = Reader(culture: "es");
        Assert.Equal(Triggers.Menu, reader.TriggerFor(Fear, "menu", canCall: false));
        Assert.Equal(Triggers.More, reader.TriggerFor(Fear, "mas", canCall: false));
    }

    [Theory]
    [InlineData("1", Triggers.More)]
    [InlineData("more", Triggers.More)]
    public void TriggerFor_OnAnAnswer_OneAndMoreReadOn(string text, string trigger) =>
        Assert.Equal(trigger, Reader().TriggerFor(Fear, text, canCall: false));

    [Fact]
    public void TriggerFor_NineOnACall_IsTextMe_ButNotInAText()
    {
        Assert.Equal(Triggers.TextMe, Reader(Channel.Voice).TriggerFor(Fear, "9", canCall: false));
        Assert.Null(Reader(Channel.Sms).TriggerFor(Fear, "9", canCall: false));
        Assert.Null(Reader(Channel.Voice).TriggerFor(Main, "9", canCall: false));
    }

    [Fact]
    public void TriggerFor_AListOnACall_CallsOnlyWhenTheKeysChooseAnOrganization()
    {
        Assert.Equal(Triggers.Call, Reader(Channel.Voice).TriggerFor(Cases, "1", canCall: true));
        Assert.Equal(Triggers.More, Reader(Channel.Voice).TriggerFor(Cases, "1", canCall: false));
        Assert.Equal(Triggers.More, Reader(Channel.Sms).TriggerFor(Cases, "1", canCall: true));
    }

    [Fact]
    public void LanguageDigits_OneToNineThenZero()
    {
        var node = new NodeDefinition { Kind = NodeKinds.LanguageMenu, Languages = [.. Enumerable.Range(0, 10).Select(i => $"l{i}")] };
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"], InputReader.LanguageDigits(node));
    }

    [Fact]
    public void LanguageByDigit_OnlyOnTheLanguageMenu()
    {
        var language = Flows.Node("main/language")!;
        Assert.Equal("en", Reader(culture: null).LanguageByDigit(language, "2")?.Culture);
        Assert.Null(Reader(culture: null).LanguageByDigit(language, "3"));
        Assert.Null(Reader().LanguageByDigit(Main, "2"));
    }

    [Theory]
    [InlineData("Español", "es")]
    [InlineData("ENGLISH", "en")]
    public void LanguageByName_InItsOwnWordsOrEnglish(string text, string culture) =>
        Assert.Equal(culture, Reader().LanguageByName(text)?.Culture);

    [Fact]
    public void IsDelete_InAnyLanguage_WhateverTheConversationsLanguage()
    {
        Assert.True(Reader(culture: "en").IsDelete("borrar"));
        Assert.True(Reader(culture: "es").IsDelete("delete"));
        Assert.False(Reader().IsDelete("menu"));
    }
}
