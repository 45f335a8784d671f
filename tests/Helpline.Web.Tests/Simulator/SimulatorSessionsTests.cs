using Helpline.Core.Engine;
using Helpline.Web.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Web.Tests.Simulator;

/// <summary>The simulator's own conversations stay few and short-lived.</summary>
public sealed class SimulatorSessionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ASession_KeepsItsConversation_FromTurnToTurn()
    {
        var sessions = new SimulatorSessions(_time);
        sessions.Run("a", SimulatorChannel.Sms, restart: false, s => s.State = new ConversationState { Culture = "fa-AF" });

        var culture = sessions.Run("a", SimulatorChannel.Sms, restart: false, s => s.State?.Culture);

        Assert.Equal("fa-AF", culture);
    }

    [Fact]
    public void AnIdleSession_Expires()
    {
        var sessions = new SimulatorSessions(_time, idleLifetime: TimeSpan.FromMinutes(30));
        sessions.Run("idle", SimulatorChannel.Sms, restart: false, s => s.State = new ConversationState { Culture = "es" });
        sessions.Run("busy", SimulatorChannel.Sms, restart: false, s => s.State = new ConversationState { Culture = "es" });

        _time.Advance(TimeSpan.FromMinutes(20));
        sessions.Run("busy", SimulatorChannel.Sms, restart: false, _ => 0);
        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.False(sessions.Contains("idle"));
        Assert.True(sessions.Contains("busy"));
        Assert.Null(sessions.Run("idle", SimulatorChannel.Sms, restart: false, s => s.State));
    }

    [Fact]
    public void PastTheCap_TheLeastRecentlyUsedSessionGoes()
    {
        var sessions = new SimulatorSessions(_time, capacity: 3);
        foreach (var id in new[] { "a", "b", "c" })
        {
            sessions.Run(id, SimulatorChannel.Sms, restart: false, _ => 0);
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        sessions.Run("a", SimulatorChannel.Sms, restart: false, _ => 0); // "b" is now the oldest
        _time.Advance(TimeSpan.FromSeconds(1));

        sessions.Run("d", SimulatorChannel.Sms, restart: false, _ => 0);

        Assert.Equal(3, sessions.Count);
        Assert.False(sessions.Contains("b"));
        Assert.True(sessions.Contains("a"));
        Assert.True(sessions.Contains("d"));
    }

    [Fact]
    public void ARestart_OrTheOtherChannel_BeginsAFreshConversation()
    {
        var sessions = new SimulatorSessions(_time);
        sessions.Run("a", SimulatorChannel.Sms, restart: false, s => s.State = new ConversationState { Culture = "fr" });

        Assert.Null(sessions.Run("a", SimulatorChannel.Voice, restart: false, s => s.State));
        sessions.Run("a", SimulatorChannel.Voice, restart: false, s => s.State = new ConversationState { Culture = "fr" });
        Assert.Null(sessions.Run("a", SimulatorChannel.Voice, restart: true, s => s.State));
    }
}
