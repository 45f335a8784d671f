using System.Text.Json;
using Helpline.Core.Channels;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Core.Tests.Engine;

public class ConversationEngineTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private static string Said(TurnResult turn) => SmsRenderer.Render(turn.Outputs);

    private ConversationEngine Engine(ContentBundle? content = null) => new(content ?? TestContent.Minimal, _clock, new EngineOptions());

    [Fact]
    public void Handle_NeverChangesTheStateItWasGiven()
    {
        var engine = Engine();
        var first = engine.Handle(null, TurnInput.Sms("english")).State!;
        var before = JsonSerializer.Serialize(first);
        engine.Handle(first, TurnInput.Sms("1"));
        Assert.Equal(before, JsonSerializer.Serialize(first));
    }

    [Fact]
    public void Handle_SameStateAndInput_GiveTheSameReply()
    {
        var engine = Engine();
        var state = engine.Handle(null, TurnInput.Sms("english")).State;
        Assert.Equal(Said(engine.Handle(state, TurnInput.Sms("1"))), Said(engine.Handle(state, TurnInput.Sms("1"))));
    }

    [Fact]
    public void Handle_NodeRemovedByAContentEdit_RestartsAtTheMainMenuInTheSameLanguage()
    {
        var engine = Engine();
        var state = new ConversationState { Culture = "es", Flow = "main", Node = "gone", LastActive = _clock.GetUtcNow() };
        var turn = engine.Handle(state, TurnInput.Sms("*"));
        Assert.Equal("main/main", turn.State!.Position);
        Assert.Contains("Menú principal:", Said(turn));
    }

    [Fact]
    public void Handle_StoredCultureNoLongerInLocales_AsksForTheLanguageAgain()
    {
        var state = new ConversationState { Culture = "xx", Flow = "main", Node = "main", LastActive = _clock.GetUtcNow() };
        var turn = Engine().Handle(state, TurnInput.Sms("?"));
        Assert.Equal("main/language", turn.State!.Position);
    }

    [Fact]
    public void Handle_IdlePastExpiry_KeepsLanguageButStartsAtMainMenu()
    {
        var engine = Engine();
        var state = engine.Handle(null, TurnInput.Sms("hola")).State;
        state = engine.Handle(state, TurnInput.Sms("1")).State;
        Assert.Equal("main/fear", state!.Position);
        _clock.Advance(TimeSpan.FromMinutes(31));
        var turn = engine.Handle(state, TurnInput.Sms("más"));
        Assert.Equal("es", turn.State!.Culture);
        Assert.Equal("main/main", turn.State.Position);
    }

    [Fact]
    public void Handle_Delete_ErasesTheState_InAnyLanguagesWord()
    {
        var engine = Engine();
        var state = engine.Handle(null, TurnInput.Sms("english")).State;
        var turn = engine.Handle(state, TurnInput.Sms("BORRAR"));
        Assert.Null(turn.State);
        Assert.Contains(turn.Outputs, o => o is EraseDataOutput);
    }

    [Fact]
    public void Handle_LanguageNameMidConversation_SwitchesAndShowsTheSameNodeInTheNewLanguage()
    {
        var engine = Engine();
        var state = engine.Handle(null, TurnInput.Sms("english")).State;
        state = engine.Handle(state, TurnInput.Sms("1")).State;
        var turn = engine.Handle(state, TurnInput.Sms("Español"));
        Assert.Equal("es", turn.State!.Culture);
        Assert.Equal("main/fear", turn.State.Position);
        Assert.Contains("Dígale al oficial", Said(turn));
    }

    [Fact]
    public void Handle_SmsDigitOnADirectoryList_NeverDials()
    {
        var engine = Engine();
        var state = engine.Handle(null, TurnInput.Sms("english")).State;
        state = engine.Handle(state, TurnInput.Sms("2")).State;
        var turn = engine.Handle(state, TurnInput.Sms("1"));
        turn = engine.Handle(turn.State, TurnInput.Sms("1"));
        Assert.DoesNotContain(turn.Outputs, o => o is TransferOutput);
    }

    [Fact]
    public void Handle_VoiceTransfer_DialsOnlyTheDirectorysNumber()
    {
        var engine = Engine();
        var state = engine.Handle(null, new TurnInput(Channel.Voice, TurnKind.CallStarted)).State;
        state = engine.Handle(state, TurnInput.Keypad("2")).State;   // English is second in the fixture
        state = engine.Handle(state, TurnInput.Keypad("2")).State;   // legal help
        state = engine.Handle(state, TurnInput.Keypad("1")).State;   // case-status list
        var turn = engine.Handle(state, TurnInput.Keypad("1"));
        var transfer = Assert.Single(turn.Outputs.OfType<TransferOutput>());
        Assert.Equal("+18008987180", transfer.Number);
        Assert.Equal("eoir", transfer.Organization.Id);
    }

    [Fact]
    public void Handle_VoiceDigitsNotOnTheList_NeverDial()
    {
        var engine = Engine();
        var state = engine.Handle(null, new TurnInput(Channel.Voice, TurnKind.CallStarted)).State;
        foreach (var keys in new[] { "2", "2", "1" }) state = engine.Handle(state, TurnInput.Keypad(keys)).State;
        foreach (var crafted in new[] { "2", "18005551212", "+15551234567", "8" })
            Assert.DoesNotContain(engine.Handle(state, TurnInput.Keypad(crafted)).Outputs, o => o is TransferOutput);
    }

    [Fact]
    public void State_RoundTripsThroughJson_WithoutPersonalData()
    {
        var engine = Engine();
        var state = engine.Handle(null, TurnInput.Sms("I am afraid, my number is 555-0100")).State!;
        var json = JsonSerializer.Serialize(state);
        Assert.DoesNotContain("555", json);
        Assert.DoesNotContain("afraid", json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<ConversationState>(json)));
    }
}
