using Helpline.Core.Engine;

namespace Helpline.Web.Sms;

/// <summary>What an inbound text does, before anything is stored or rendered.</summary>
public enum SmsTurnKind
{
    /// <summary>STOP (or Twilio's OptOutType=STOP): nothing is sent from now until START.</summary>
    OptedOut,
    /// <summary>A message after STOP: no reply.</summary>
    Ignored,
    /// <summary>"Delete my data" after STOP: erased, silently.</summary>
    ErasedSilently,
    /// <summary>A turn of the conversation (START shows where the person was).</summary>
    Turn,
}

public sealed record SmsTurnDecision(SmsTurnKind Kind, TurnResult? Turn, bool OptedIn);

/// <summary>
/// The texting rules around the engine, shared by the SMS webhook and the simulator so that the
/// simulator shows exactly what a texter gets: after STOP nothing is sent until START, and a request
/// to erase is still honoured.
/// </summary>
public static class SmsTurn
{
    public static SmsTurnDecision Decide(ConversationEngine engine, ConversationState? state, bool optedOut, Channel channel, string body, string? optOutType)
    {
        if (OptOutWords.IsStop(body, optOutType)) return new(SmsTurnKind.OptedOut, null, false);
        if (optedOut && !OptOutWords.IsStart(body, optOutType))
        {
            var silent = engine.Handle(state, new TurnInput(channel, TurnKind.Message, body));
            return silent.Outputs.OfType<EraseDataOutput>().Any()
                ? new(SmsTurnKind.ErasedSilently, silent, false)
                : new(SmsTurnKind.Ignored, null, false);
        }
        // START shows where the person was; anything else is read as a turn.
        return new(SmsTurnKind.Turn, engine.Handle(state, new TurnInput(channel, TurnKind.Message, optedOut ? "" : body)), optedOut);
    }
}
