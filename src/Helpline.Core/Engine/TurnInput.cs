namespace Helpline.Core.Engine;

public enum Channel { Sms, WhatsApp, Voice }

public enum TurnKind
{
    /// <summary>A text message, or keypad/speech input on a call.</summary>
    Message,
    /// <summary>A call has just been answered.</summary>
    CallStarted,
    /// <summary>A call's &lt;Gather&gt; timed out with no input.</summary>
    Silence,
    /// <summary>A &lt;Dial&gt; to an organization was busy, unanswered or failed.</summary>
    TransferFailed,
    /// <summary>A &lt;Dial&gt; ended after the organization answered.</summary>
    TransferCompleted,
}

/// <summary>What just happened in a conversation.</summary>
public sealed record TurnInput(Channel Channel, TurnKind Kind = TurnKind.Message, string? Text = null)
{
    public static TurnInput Sms(string? text) => new(Channel.Sms, TurnKind.Message, text);
    public static TurnInput Keypad(string? digits) => new(Channel.Voice, TurnKind.Message, digits);
}
