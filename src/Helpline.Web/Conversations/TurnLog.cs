using Helpline.Core.Engine;

namespace Helpline.Web.Conversations;

/// <summary>What one turn's log event says, on any channel; never a number, never a message.</summary>
public sealed class TurnLog(Channel channel)
{
    public string Channel { get; } = channel.ToString();
    public string? Locale { get; set; }
    public string? Node { get; set; }
    public string Outcome { get; set; } = "";
}
