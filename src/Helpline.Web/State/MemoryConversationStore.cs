using System.Collections.Concurrent;

namespace Helpline.Web.State;

/// <summary>An in-process store for tests and single-instance trials; lost on restart.</summary>
public sealed class MemoryConversationStore(TimeProvider time) : IConversationStore
{
    private sealed record Entry(string Json, long Version, DateTimeOffset ExpiresAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public Task<StoredRecord?> GetAsync(string key, CancellationToken ct = default)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > time.GetUtcNow())
            return Task.FromResult<StoredRecord?>(new(entry.Json, entry.Version));
        return Task.FromResult<StoredRecord?>(null);
    }

    public Task<bool> TrySaveAsync(string key, string json, long expectedVersion, TimeSpan timeToLive, CancellationToken ct = default)
    {
        var expires = time.GetUtcNow() + timeToLive;
        if (expectedVersion == 0)
        {
            // An expired entry counts as absent.
            if (_entries.TryGetValue(key, out var old) && old.ExpiresAt <= time.GetUtcNow())
                return Task.FromResult(_entries.TryUpdate(key, new Entry(json, old.Version + 1, expires), old));
            return Task.FromResult(_entries.TryAdd(key, new Entry(json, 1, expires)));
        }
        // An expired entry is not there to update, as in the other stores.
        if (!_entries.TryGetValue(key, out var current) || current.Version != expectedVersion || current.ExpiresAt <= time.GetUtcNow())
            return Task.FromResult(false);
        return Task.FromResult(_entries.TryUpdate(key, new Entry(json, expectedVersion + 1, expires), current));
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        _entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<int> PurgeExpiredAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var purged = 0;
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now && _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry))) purged++;
        }
        return Task.FromResult(purged);
    }

    public Task<bool> PingAsync(CancellationToken ct = default) => Task.FromResult(true);
}
