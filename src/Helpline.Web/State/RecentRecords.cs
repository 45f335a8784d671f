using System.Collections.Concurrent;

namespace Helpline.Web.State;

/// <summary>
/// The records of recently active conversations, kept in memory so a turn reads no disk. Bounded:
/// two generations of at most <c>capacity</c> entries each; when the newer one fills, the older one
/// is dropped. A record written again moves to the newer one (every turn writes), so a conversation
/// that stays active stays cached (a cheap approximation of least-recently-used).
/// </summary>
/// <remarks>Only <see cref="SqliteConversationStore"/> changes it, and only while it holds its connection.</remarks>
internal sealed class RecentRecords(int capacity)
{
    public readonly record struct Entry(string Json, long Version, long ExpiresAt);

    private volatile ConcurrentDictionary<string, Entry> _newer = new(StringComparer.Ordinal);
    private volatile ConcurrentDictionary<string, Entry> _older = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity;

    public bool TryGet(string key, out Entry entry)
    {
        if (_newer.TryGetValue(key, out entry)) return true;
        return _older.TryGetValue(key, out entry);
    }

    public void Set(string key, Entry entry)
    {
        var newer = _newer;
        if (newer.Count >= Capacity && !newer.ContainsKey(key))
        {
            _older = newer;
            _newer = newer = new(StringComparer.Ordinal);
        }
        newer[key] = entry;
        _older.TryRemove(key, out _);
    }

    public void Remove(string key)
    {
        _newer.TryRemove(key, out _);
        _older.TryRemove(key, out _);
    }

    public void RemoveExpired(long now)
    {
        foreach (var generation in new[] { _newer, _older })
        {
            foreach (var (key, entry) in generation)
            {
                if (entry.ExpiresAt <= now) generation.TryRemove(key, out _);
            }
        }
    }
}
