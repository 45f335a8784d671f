using System.Text.Json.Serialization;

namespace Helpline.Core.Engine;

/// <summary>
/// Where one conversation stands. It holds no phone number and nothing the person typed:
/// only a position in the flows, a language, a region choice and counters.
/// </summary>
public sealed class ConversationState
{
    public string? Culture { get; set; }
    public string Flow { get; set; } = "";
    public string Node { get; set; } = "";
    /// <summary>Which page of the current node's text was shown last (MORE moves on).</summary>
    public int Page { get; set; }
    /// <summary>State code chosen for directory lookups, or "other".</summary>
    public string? Region { get; set; }
    /// <summary>Silent or invalid answers in a row on a call; two end the call with legal-help contacts.</summary>
    public int Strikes { get; set; }
    /// <summary>Which organization of the current list a call is being transferred to.</summary>
    public int TransferIndex { get; set; } = -1;
    /// <summary>A call is waiting for the caller to confirm "text me this".</summary>
    public bool ConfirmingText { get; set; }
    /// <summary>The note that the language's texts are still under review had no room in the first reply: the next reply with room carries it.</summary>
    public bool ReviewNoteOwed { get; set; }
    public DateTimeOffset LastActive { get; set; }

    [JsonIgnore] public string Position => $"{Flow}/{Node}";

    public ConversationState Clone() => (ConversationState)MemberwiseClone();
}
