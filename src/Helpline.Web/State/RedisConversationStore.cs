using StackExchange.Redis;

namespace Helpline.Web.State;

/// <summary>
/// The store for several instances behind one number: a texter's next message may reach any instance,
/// so all of them read and write one Redis. Each record is a hash (json, version) under a prefixed key;
/// Redis expires it itself, and a Lua script makes the versioned write one atomic step.
/// </summary>
/// <remarks>Owns the connection: one multiplexer per store, and the store is a singleton.</remarks>
public sealed class RedisConversationStore(IConnectionMultiplexer redis) : IConversationStore, IAsyncDisposable, IDisposable
{
    /// <summary>Every key starts with this, so the helpline can share a Redis with other applications.</summary>
    public const string KeyPrefix = "helpline:conv:";

    /// <summary>How long a connect or a command may take before it counts as failed.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    private static readonly RedisValue JsonField = "json";
    private static readonly RedisValue VersionField = "version";

    // Compare-and-set in one step: Redis runs a script without interleaving other commands, so two
    // instances that read the same version cannot both write. KEYS[1] record; ARGV json, expected
    // version (0: must be absent), time to live in milliseconds. An expired key is gone, so it counts as absent.
    private const string SaveIfVersionScript = """
        local stored = redis.call('HGET', KEYS[1], 'version')
        if ARGV[2] == '0' then
          if stored then return 0 end
        elseif stored ~= ARGV[2] then
          return 0
        end
        redis.call('HSET', KEYS[1], 'json', ARGV[1])
        redis.call('HINCRBY', KEYS[1], 'version', 1)
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private IDatabase Database => redis.GetDatabase();

    /// <summary>Connects with a StackExchange.Redis connection string (ConnectionStrings:Redis).</summary>
    public static RedisConversationStore Connect(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        // Start even while Redis is down: /readyz says so, the multiplexer keeps reconnecting in the
        // background, and the helpline recovers without a restart when Redis comes back.
        options.AbortOnConnectFail = false;
        // A dead Redis must fail a turn within seconds, well inside the 15 s Twilio waits for a webhook,
        // so the texter still gets an answer; the library's defaults wait 5 s and more.
        var timeout = (int)CommandTimeout.TotalMilliseconds;
        options.ConnectTimeout = timeout;
        options.SyncTimeout = timeout;
        options.AsyncTimeout = timeout;
        return new RedisConversationStore(ConnectionMultiplexer.Connect(options));
    }

    public async Task<StoredRecord?> GetAsync(string key, CancellationToken ct = default)
    {
        // Commands cannot be cancelled once sent; they end within the command timeout.
        ct.ThrowIfCancellationRequested();
        var fields = await Database.HashGetAsync(RedisKeyFor(key), [JsonField, VersionField]);
        return fields[0].IsNull ? null : new StoredRecord(fields[0].ToString(), (long)fields[1]);
    }

    public async Task<bool> TrySaveAsync(string key, string json, long expectedVersion, TimeSpan timeToLive, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        // PEXPIRE 0 would delete the record at once; the shortest life Redis keeps is a millisecond.
        var milliseconds = Math.Max(1L, (long)timeToLive.TotalMilliseconds);
        var saved = await Database.ScriptEvaluateAsync(SaveIfVersionScript, [RedisKeyFor(key)], [json, expectedVersion, milliseconds]);
        return (long)saved == 1;
    }

    public async Task DeleteAsync(string key, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        await Database.KeyDeleteAsync(RedisKeyFor(key));
    }

    /// <summary>Nothing to do: every key carries its TTL and Redis removes it when it runs out.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken ct = default) => Task.FromResult(0);

    /// <summary>True if Redis answers PING; false, never an exception, when it is down or too slow.</summary>
    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            await Database.PingAsync();
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // RedisConnectionException (no connection), RedisTimeoutException (a TimeoutException), RedisServerException (e.g. LOADING).
            return false;
        }
    }

    public static RedisKey RedisKeyFor(string key) => KeyPrefix + key;

    public ValueTask DisposeAsync() => redis.DisposeAsync();

    public void Dispose() => redis.Dispose();
}
