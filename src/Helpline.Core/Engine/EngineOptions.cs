namespace Helpline.Core.Engine;

public sealed class EngineOptions
{
    /// <summary>A conversation idle this long starts again at the main menu (keeping its language).</summary>
    public TimeSpan IdleReset { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most SMS segments one reply may cost before it is paged ("reply MORE").</summary>
    public int SmsSegmentBudget { get; set; } = 4;

    /// <summary>WhatsApp is not billed by segment, but one message holds at most this much.</summary>
    public int WhatsAppMessageLength { get; set; } = 1600;

    /// <summary>Silent or invalid answers in a row after which a call ends with legal-help contacts.</summary>
    public int MaxStrikes { get; set; } = 2;
}
