using Helpline.Core.Engine;

namespace Helpline.Web.Simulator;

/// <summary>One simulated conversation: what the webhooks keep for a caller, kept here instead.</summary>
public sealed class SimulatorSession(SimulatorChannel channel)
{
    public SimulatorChannel Channel { get; } = channel;
    public ConversationState? State { get; set; }
    /// <summary>The texter sent STOP: like Twilio, nothing is sent until START.</summary>
    public bool OptedOut { get; set; }
    /// <summary>The helpline hung up; keys do nothing until a new call.</summary>
    public bool CallEnded { get; set; }
    /// <summary>A call has been answered in this session (keys before that reach no one).</summary>
    public bool CallStarted { get; set; }
    internal DateTimeOffset LastUsed { get; set; }
}

/// <summary>
/// The simulator's conversations, in memory and bounded: a session idle past its lifetime is dropped,
/// and past the cap the least recently used goes first, so pages left open cannot grow the process.
/// They never reach the caller store, so a simulated turn can neither look like nor overwrite a caller's.
/// </summary>
public sealed class SimulatorSessions(TimeProvider time, int capacity = SimulatorSessions.DefaultCapacity, TimeSpan? idleLifetime = null)
{
    public const int DefaultCapacity = 200;
    public static readonly TimeSpan DefaultIdleLifetime = TimeSpan.FromMinutes(30);

    private readonly TimeSpan _idleLifetime = idleLifetime ?? DefaultIdleLifetime;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimulatorSession> _sessions = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                Expire(time.GetUtcNow());
                return _sessions.Count;
            }
        }
    }

    public bool Contains(string id)
    {
        lock (_gate)
        {
            Expire(time.GetUtcNow());
            return _sessions.ContainsKey(id);
        }
    }

    /// <summary>
    /// Runs one turn on a session: a new one when <paramref name="restart"/>, when the id is unknown or
    /// expired, or when it was on the other channel. Turns run one at a time (a turn is a few
    /// milliseconds of engine work, and the simulator is for a handful of editors).
    /// </summary>
    public T Run<T>(string id, SimulatorChannel channel, bool restart, Func<SimulatorSession, T> turn)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Expire(now);
            if (restart || !_sessions.TryGetValue(id, out var session) || session.Channel != channel)
            {
                _sessions.Remove(id);
                while (_sessions.Count >= capacity) _sessions.Remove(LeastRecentlyUsed());
                session = new SimulatorSession(channel);
                _sessions[id] = session;
            }
            session.LastUsed = now;
            return turn(session);
        }
    }

    private void Expire(DateTimeOffset now)
    {
        foreach (var (id, session) in _sessions.Where(s => now - s.Value.LastUsed >= _idleLifetime).ToList())
            _sessions.Remove(id);
    }

    private string LeastRecentlyUsed() => _sessions.MinBy(s => s.Value.LastUsed).Key;
}
