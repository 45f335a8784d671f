using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Helpline.Web.State;

/// <summary>
/// The embedded default: one SQLite file in WAL mode, so a restart loses no conversation and one
/// instance needs no other service. Rows hold only a caller key (an HMAC) and the engine's state.
/// </summary>
/// <remarks>
/// Everything goes through one connection, opened once, with its statements prepared once, taken by
/// one caller at a time. One connection keeps its page cache warm: a connection that did not make
/// the last write must drop its cache and read the pages again, which was most of the cost of a turn.
/// Writes are committed in groups: each write joins a queue, and whoever holds the connection commits
/// everything queued in one transaction. A write still returns only after its commit, so a reply is
/// never sent for a turn that is not on disk, but 30 concurrent turns cost one commit, not 30.
/// </remarks>
public sealed class SqliteConversationStore : IConversationStore, IDisposable
{
    private readonly TimeProvider _time;
    private readonly SqliteConnection _db;
    private readonly SemaphoreSlim _connection = new(1, 1);
    private readonly ConcurrentQueue<PendingWrite> _pending = new();

    private readonly SqliteCommand _select;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;

    public SqliteConversationStore(string path, TimeProvider time)
    {
        _time = time;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);

        // busy_timeout covers another process holding the file (an operator's sqlite3 shell, say).
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 5 }.ToString());
        _db.Open();
        Execute("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
        Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS conversations (
                key TEXT PRIMARY KEY,
                json TEXT NOT NULL,
                version INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS conversations_expires ON conversations (expires_at);
            """);

        _select = Prepare("SELECT json, version FROM conversations WHERE key = $key AND expires_at > $now", "$key", "$now");
        // Insert when absent (or expired); update only at the version that was read.
        _insert = Prepare("""
            INSERT INTO conversations (key, json, version, expires_at) VALUES ($key, $json, 1, $expires)
            ON CONFLICT (key) DO UPDATE SET json = excluded.json, version = conversations.version + 1, expires_at = excluded.expires_at
            WHERE conversations.expires_at <= $now
            """, "$key", "$json", "$expires", "$now");
        _update = Prepare("UPDATE conversations SET json = $json, version = version + 1, expires_at = $expires WHERE key = $key AND version = $version AND expires_at > $now",
            "$key", "$json", "$expires", "$version", "$now");
        _delete = Prepare("DELETE FROM conversations WHERE key = $key", "$key");
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
    }

    public async Task<StoredRecord?> GetAsync(string key, CancellationToken ct = default)
    {
        await _connection.WaitAsync(ct);
        try
        {
            _select.Parameters["$key"].Value = key;
            _select.Parameters["$now"].Value = Now();
            using var reader = _select.ExecuteReader();
            return reader.Read() ? new StoredRecord(reader.GetString(0), reader.GetInt64(1)) : null;
        }
        finally
        {
            _connection.Release();
        }
    }

    public Task<bool> TrySaveAsync(string key, string json, long expectedVersion, TimeSpan timeToLive, CancellationToken ct = default) =>
        WriteAsync(new PendingWrite(key, json, expectedVersion, (_time.GetUtcNow() + timeToLive).ToUnixTimeMilliseconds()));

    public Task DeleteAsync(string key, CancellationToken ct = default) =>
        WriteAsync(new PendingWrite(key, Json: null, ExpectedVersion: 0, ExpiresAt: 0));

    /// <summary>
    /// Queues the write and waits for the connection; whoever gets it first commits the whole queue.
    /// Not cancellable once queued: a write that another caller may already be committing cannot be
    /// taken back, and a commit takes milliseconds.
    /// </summary>
    private async Task<bool> WriteAsync(PendingWrite write)
    {
        _pending.Enqueue(write);
        await _connection.WaitAsync(CancellationToken.None);
        try
        {
            if (!write.Done.Task.IsCompleted) CommitQueued();
        }
        finally
        {
            _connection.Release();
        }
        return await write.Done.Task;
    }

    private void CommitQueued()
    {
        var batch = new List<PendingWrite>();
        while (_pending.TryDequeue(out var queued)) batch.Add(queued);
        if (batch.Count == 0) return;

        var results = new bool[batch.Count];
        var inTransaction = batch.Count > 1;
        try
        {
            if (inTransaction) _begin.ExecuteNonQuery();
            var now = Now();
            for (var i = 0; i < batch.Count; i++) results[i] = Apply(batch[i], now);
            if (inTransaction) _commit.ExecuteNonQuery();
        }
        catch (Exception e)
        {
            if (inTransaction) TryRollback();
            foreach (var write in batch) write.Done.TrySetException(e);
            return;
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
    }

    private bool Apply(PendingWrite write, long now)
    {
        if (write.Json is null)
        {
            _delete.Parameters["$key"].Value = write.Key;
            _delete.ExecuteNonQuery();
            return true;
        }

        var command = write.ExpectedVersion == 0 ? _insert : _update;
        command.Parameters["$key"].Value = write.Key;
        command.Parameters["$json"].Value = write.Json;
        command.Parameters["$expires"].Value = write.ExpiresAt;
        command.Parameters["$now"].Value = now;
        if (write.ExpectedVersion != 0) command.Parameters["$version"].Value = write.ExpectedVersion;
        return command.ExecuteNonQuery() == 1;
    }

    private void TryRollback()
    {
        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // SQLite has already rolled back (an I/O error or a full disk ends the transaction itself).
        }
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken ct = default)
    {
        await _connection.WaitAsync(ct);
        try
        {
            using var command = _db.CreateCommand();
            command.CommandText = "DELETE FROM conversations WHERE expires_at <= $now";
            command.Parameters.AddWithValue("$now", Now());
            return command.ExecuteNonQuery();
        }
        finally
        {
            _connection.Release();
        }
    }

    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        await _connection.WaitAsync(ct);
        try
        {
            using var command = _db.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'conversations'";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
        finally
        {
            _connection.Release();
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _db.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private void Execute(string sql)
    {
        using var command = _db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[] { _select, _insert, _update, _delete, _begin, _commit, _rollback }) command.Dispose();
        _db.Dispose();
        _connection.Dispose();
    }

    /// <summary>A save (Json set) or a delete (Json null) waiting for its commit.</summary>
    private sealed record PendingWrite(string Key, string? Json, long ExpectedVersion, long ExpiresAt)
    {
        // Completed outside the lock's holder's call stack: the waiting turns go on on their own threads.
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
