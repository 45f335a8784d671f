using Microsoft.Data.Sqlite;

namespace Helpline.Web.State;

/// <summary>
/// The embedded default: one SQLite file in WAL mode, so a restart loses no conversation and one
/// instance needs no other service. Rows hold only a caller key (an HMAC) and the engine's state.
/// </summary>
public sealed class SqliteConversationStore : IConversationStore, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    // SQLite lets one connection write at a time. Without this gate, taken by every write, concurrent
    // writers collide and wait in SQLite's busy handler, which sleeps (1, 2, 5... 100 ms) on a
    // thread-pool thread; queued here they wait without holding a thread and go as soon as the
    // previous write is done. Reads need no gate (WAL); busy_timeout still covers another process.
    private readonly SemaphoreSlim _writes = new(1, 1);

    // Every write goes through this one connection, opened once with its settings, so a turn does not
    // pay for opening a connection and running PRAGMAs. Reads use pooled connections (WAL: they never block).
    private readonly SqliteConnection _writer;

    public SqliteConversationStore(string path, TimeProvider time)
    {
        _time = time;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 5 }.ToString();

        _writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 5 }.ToString());
        _writer.Open();
        Execute(_writer, "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
        Execute(_writer, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS conversations (
                key TEXT PRIMARY KEY,
                json TEXT NOT NULL,
                version INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS conversations_expires ON conversations (expires_at);
            """);
    }

    public async Task<StoredRecord?> GetAsync(string key, CancellationToken ct = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json, version FROM conversations WHERE key = $key AND expires_at > $now";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", Now());
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new StoredRecord(reader.GetString(0), reader.GetInt64(1)) : null;
    }

    public async Task<bool> TrySaveAsync(string key, string json, long expectedVersion, TimeSpan timeToLive, CancellationToken ct = default)
    {
        await _writes.WaitAsync(ct);
        try
        {
            return await TrySaveOnceAsync(key, json, expectedVersion, timeToLive, ct);
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task<bool> TrySaveOnceAsync(string key, string json, long expectedVersion, TimeSpan timeToLive, CancellationToken ct)
    {
        await using var command = _writer.CreateCommand();
        // Insert when absent (or expired); update only at the version that was read.
        command.CommandText = expectedVersion == 0
            ? """
              INSERT INTO conversations (key, json, version, expires_at) VALUES ($key, $json, 1, $expires)
              ON CONFLICT (key) DO UPDATE SET json = excluded.json, version = conversations.version + 1, expires_at = excluded.expires_at
              WHERE conversations.expires_at <= $now
              """
            : "UPDATE conversations SET json = $json, version = version + 1, expires_at = $expires WHERE key = $key AND version = $version AND expires_at > $now";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$json", json);
        command.Parameters.AddWithValue("$version", expectedVersion);
        command.Parameters.AddWithValue("$now", Now());
        command.Parameters.AddWithValue("$expires", (_time.GetUtcNow() + timeToLive).ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task DeleteAsync(string key, CancellationToken ct = default)
    {
        await _writes.WaitAsync(ct);
        try
        {
            await using var command = _writer.CreateCommand();
            command.CommandText = "DELETE FROM conversations WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken ct = default)
    {
        await _writes.WaitAsync(ct);
        try
        {
            await using var command = _writer.CreateCommand();
            command.CommandText = "DELETE FROM conversations WHERE expires_at <= $now";
            command.Parameters.AddWithValue("$now", Now());
            return await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A pooled connection for reading; Microsoft.Data.Sqlite retries a busy read until DefaultTimeout.</summary>
    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _writes.Dispose();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
