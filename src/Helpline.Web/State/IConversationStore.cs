namespace Helpline.Web.State;

/// <summary>A stored record and the version it was read at, for optimistic concurrency.</summary>
public sealed record StoredRecord(string Json, long Version);

/// <summary>
/// Conversation records by caller key (an HMAC, never a phone number). Writes are conditional on the
/// version read, so two messages from one person at the same moment cannot overwrite each other.
/// </summary>
public interface IConversationStore
{
    Task<StoredRecord?> GetAsync(string key, CancellationToken ct = default);

    /// <summary>Writes if the stored version is still <paramref name="expectedVersion"/> (0: not stored yet); false if someone else wrote first.</summary>
    Task<bool> TrySaveAsync(string key, string json, long expectedVersion, TimeSpan timeToLive, CancellationToken ct = default);

    Task DeleteAsync(string key, CancellationToken ct = default);

    /// <summary>Removes what has expired; returns how many.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken ct = default);

    /// <summary>Whether the store answers (for /readyz).</summary>
    Task<bool> PingAsync(CancellationToken ct = default);
}
