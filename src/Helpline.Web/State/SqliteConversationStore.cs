using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Helpline.Web.State;

/// <summary>
/// The embedded default: one SQLite file in WAL mode, so a restart loses no conversation and one
/// instance needs no other service. Rows hold only a caller key (an HMAC) and the engine's state.
/// </summary>
/// <remarks>
/// Everything goes through one connection, opened once, with its statements prepared once, taken by
/// one caller at a time. The records of recent conversations are also kept in memory (write-through,
/// bounded, see <see cref="RecentRecords"/>): the process owns the file, so what it last committed is
/// what the file holds, and a turn of an active conversation reads nothing from disk.
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
    private readonly RecentRecords _recent;
    private int _committing; // 1 while a caller holds the committer role (see WriteAsync)
    private long _lastWriteFailure; // unix ms of the last failed commit
    private int _writesFailing; // 1 from a failed commit until one succeeds

    /// <summary>After a failed commit the store reports unavailable at least this long, then a test write decides.</summary>
    public static readonly TimeSpan WriteFailureShownFor = TimeSpan.FromSeconds(30);

    /// <summary>How many conversations' records are kept in memory, per generation (two generations).</summary>
    public const int DefaultCachedRecords = 5_000;

    private readonly SqliteCommand _select;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;

    public SqliteConversationStore(string path, TimeProvider time, int cachedRecords = DefaultCachedRecords)
    {
        _time = time;
        _recent = new RecentRecords(Math.Max(1, cachedRecords));
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        try
        {
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The data folder {folder} cannot be created ({e.Message}). Create it with write access for the helpline's user, or set Helpline:DataFolder (Helpline__DataFolder) to a writable folder.", e);
        }

        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 5 }.ToString());
        try
        {
            _db.Open();
            Execute("PRAGMA user_version = " + ReadUserVersion()); // a write: a read-only file or folder fails here, at start
        }
        catch (SqliteException e)
        {
            _db.Dispose();
            throw new InvalidOperationException(
                $"The conversation store {Path.GetFullPath(path)} cannot be opened for writing ({e.Message}). " +
                $"Give the helpline's user write access to {folder} and the files in it, or set Helpline:DataFolder (Helpline__DataFolder) to a writable folder.", e);
        }
        // The file belongs to this process while it runs (exclusive locking): SQLite then locks it once
        // rather than around every transaction, and keeps WAL's index in memory. A second helpline
        // pointed at the same file fails at start instead of racing this one; several instances share
        // Redis, not a file. The page cache (16 MiB) holds the active conversations' pages, so a turn
        // reads no disk. busy_timeout waits out a brief lock by someone else (a backup) at start.
        // secure_delete: a deleted or rewritten record's bytes are overwritten with zeros, not left in
        // free space; with the WAL truncated after every erase (see CommitQueued), "delete my data"
        // leaves no readable copy in either file.
        Execute("PRAGMA busy_timeout = 5000; PRAGMA locking_mode = EXCLUSIVE; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384; PRAGMA secure_delete = ON;");
        Execute("PRAGMA journal_mode = WAL;");
        CreateOrUpgradeSchema();

        _select = Prepare("SELECT json, version, expires_at FROM conversations WHERE key = $key AND expires_at > $now", "$key", "$now");
        // Insert when absent (or expired); update only at the version that was read.
        _insert = Prepare("""
            INSERT INTO conversations (key, json, version, expires_at) VALUES ($key, $json, 1, $expires)
            ON CONFLICT (key) DO UPDATE SET json = excluded.json, version = conversations.version + 1, expires_at = excluded.expires_at
            WHERE conversations.expires_at <= $now
            RETURNING version
            """, "$key", "$json", "$expires", "$now");
        _update = Prepare("UPDATE conversations SET json = $json, version = version + 1, expires_at = $expires WHERE key = $key AND version = $version AND expires_at > $now RETURNING version",
            "$key", "$json", "$expires", "$version", "$now");
        _delete = Prepare("DELETE FROM conversations WHERE key = $key", "$key");
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
    }

    private long ReadUserVersion()
    {
        using var command = _db.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The schema's version, kept in SQLite's user_version.</summary>
    private const int SchemaVersion = 2;

    /// <remarks>
    /// Rows are numbered in the order conversations start (a rowid table), and the caller key is a unique
    /// index beside them. Conversations active at the same time then sit on the same few pages, so a
    /// group commit writes a few pages rather than one per conversation; a key (an HMAC) is random and,
    /// as the table's own key (version 1 of the schema), spread every write over the whole file.
    /// Neither keeps an index on expires_at: every turn changes it (see <see cref="PurgeExpiredAsync"/>).
    /// </remarks>
    private void CreateOrUpgradeSchema()
    {
        using var version = _db.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        if (Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == SchemaVersion) return;

        using var transaction = _db.BeginTransaction();
        using var upgrade = _db.CreateCommand();
        upgrade.Transaction = transaction;
        upgrade.CommandText = $"""
            CREATE TABLE conversations_v2 (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                json TEXT NOT NULL,
                version INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS conversations (key TEXT PRIMARY KEY, json TEXT NOT NULL, version INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO conversations_v2 (key, json, version, expires_at) SELECT key, json, version, expires_at FROM conversations ORDER BY expires_at;
            DROP TABLE conversations;
            ALTER TABLE conversations_v2 RENAME TO conversations;
            PRAGMA user_version = {SchemaVersion};
            """;
        upgrade.ExecuteNonQuery();
        transaction.Commit();
    }

    public async Task<StoredRecord?> GetAsync(string key, CancellationToken ct = default)
    {
        if (TryCached(key, out var cached)) return cached;

        await _connection.WaitAsync(ct);
        try
        {
            // Read again under the connection: a write may have put it in memory meanwhile.
            if (TryCached(key, out var filled)) return filled;
            _select.Parameters["$key"].Value = key;
            _select.Parameters["$now"].Value = Now();
            using var reader = _select.ExecuteReader();
            if (!reader.Read()) return null;
            var record = new StoredRecord(reader.GetString(0), reader.GetInt64(1));
            _recent.Set(key, new RecentRecords.Entry(record.Json, record.Version, reader.GetInt64(2)));
            return record;
        }
        finally
        {
            _connection.Release();
        }
    }

    /// <summary>The in-memory copy, if there is one; an expired one reads as absent, as in the file.</summary>
    private bool TryCached(string key, out StoredRecord? record)
    {
        record = null;
        if (!_recent.TryGet(key, out var entry)) return false;
        if (entry.ExpiresAt > Now()) record = new StoredRecord(entry.Json, entry.Version);
        return true;
    }

    public Task<bool> TrySaveAsync(string key, string json, long expectedVersion, TimeSpan timeToLive, CancellationToken ct = default) =>
        WriteAsync(new PendingWrite(key, json, expectedVersion, (_time.GetUtcNow() + timeToLive).ToUnixTimeMilliseconds()));

    public Task DeleteAsync(string key, CancellationToken ct = default) =>
        WriteAsync(new PendingWrite(key, Json: null, ExpectedVersion: 0, ExpiresAt: 0));

    /// <summary>
    /// Queues the write and waits for its commit. If no one is committing, this caller becomes the
    /// committer and commits the queue, again and again while writes keep arriving; the others only
    /// wait for their own write (not for the connection, which would wake them one after another).
    /// Not cancellable once queued: a write someone may already be committing cannot be taken back.
    /// </summary>
    private async Task<bool> WriteAsync(PendingWrite write)
    {
        _pending.Enqueue(write);
        if (Interlocked.CompareExchange(ref _committing, 1, 0) == 0) await CommitWhileQueuedAsync();
        return await write.Done.Task;
    }

    private async Task CommitWhileQueuedAsync()
    {
        do
        {
            await _connection.WaitAsync(CancellationToken.None);
            try
            {
                CommitQueued();
            }
            finally
            {
                _connection.Release();
                Volatile.Write(ref _committing, 0);
            }
            // A write queued after the last drain but before _committing went back to 0 found a
            // committer and waits: take the role again for it.
        } while (!_pending.IsEmpty && Interlocked.CompareExchange(ref _committing, 1, 0) == 0);
    }

    private void CommitQueued()
    {
        var batch = new List<PendingWrite>();
        while (_pending.TryDequeue(out var queued)) batch.Add(queued);
        if (batch.Count == 0) return;

        var versions = new long?[batch.Count];
        var inTransaction = batch.Count > 1;
        try
        {
            if (inTransaction) _begin.ExecuteNonQuery();
            var now = Now();
            for (var i = 0; i < batch.Count; i++) versions[i] = Apply(batch[i], now);
            if (inTransaction) _commit.ExecuteNonQuery();
        }
        catch (Exception e)
        {
            Volatile.Write(ref _lastWriteFailure, Now());
            Volatile.Write(ref _writesFailing, 1);
            if (inTransaction) TryRollback();
            // What the file holds for these keys is no longer certain: read it again next time.
            foreach (var write in batch) _recent.Remove(write.Key);
            foreach (var write in batch) write.Done.TrySetException(e);
            return;
        }

        Volatile.Write(ref _writesFailing, 0);
        // An erase is done only when the WAL's older copies of the record are gone too.
        if (batch.Any(write => write.Json is null)) TryClearWal();

        // Committed: memory now says what the file says, before anyone hears their write is done.
        for (var i = 0; i < batch.Count; i++)
        {
            var write = batch[i];
            if (write.Json is null) _recent.Remove(write.Key);
            else if (versions[i] is { } version) _recent.Set(write.Key, new RecentRecords.Entry(write.Json, version, write.ExpiresAt));
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(batch[i].Json is null || versions[i] is not null);
    }

    /// <summary>Runs one write; the version it stored, or null if the version read was stale.</summary>
    private long? Apply(PendingWrite write, long now)
    {
        if (write.Json is null)
        {
            _delete.Parameters["$key"].Value = write.Key;
            _delete.ExecuteNonQuery();
            return null;
        }

        var command = write.ExpectedVersion == 0 ? _insert : _update;
        command.Parameters["$key"].Value = write.Key;
        command.Parameters["$json"].Value = write.Json;
        command.Parameters["$expires"].Value = write.ExpiresAt;
        command.Parameters["$now"].Value = now;
        if (write.ExpectedVersion != 0) command.Parameters["$version"].Value = write.ExpectedVersion;
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(0) : null;
    }

    /// <summary>
    /// Copies the WAL into the main file and truncates it to nothing. The WAL keeps every earlier version
    /// of each page written since the last checkpoint, including a deleted record's earlier states.
    /// </summary>
    private void TryClearWal()
    {
        try
        {
            Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException)
        {
            // The delete itself is committed; the next erase or purge checkpoints again.
        }
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

    /// <summary>Conversations purged per hold of the connection, so turns are not kept waiting behind a long purge.</summary>
    private const int PurgeChunk = 2000;

    /// <remarks>
    /// There is no index on expires_at: every turn changes it, and keeping an index would write two more
    /// pages per turn. The purge (every few minutes) walks the table in row order instead, a chunk at a time.
    /// </remarks>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct = default)
    {
        var purged = 0;
        var after = 0L;
        while (true)
        {
            await _connection.WaitAsync(ct);
            try
            {
                var now = Now();
                if (after == 0) _recent.RemoveExpired(now);
                using var command = _db.CreateCommand();
                command.CommandText = """
                    SELECT max(id) FROM (SELECT id FROM conversations WHERE id > $after ORDER BY id LIMIT $chunk);
                    DELETE FROM conversations WHERE id IN (SELECT id FROM conversations WHERE id > $after ORDER BY id LIMIT $chunk) AND expires_at <= $now;
                    """;
                command.Parameters.AddWithValue("$after", after);
                command.Parameters.AddWithValue("$chunk", PurgeChunk);
                command.Parameters.AddWithValue("$now", now);
                long? last;
                using (var reader = command.ExecuteReader())
                {
                    last = reader.Read() && !reader.IsDBNull(0) ? reader.GetInt64(0) : null;
                    reader.NextResult();
                    purged += reader.RecordsAffected;
                }
                if (last is null)
                {
                    if (purged > 0) TryClearWal();
                    return purged;
                }
                after = last.Value;
            }
            finally
            {
                _connection.Release();
            }
        }
    }

    /// <summary>
    /// Readable and writable. Reading alone said "ok" on a full disk while every turn's write failed, so
    /// a failed commit counts: after one, the store is unavailable until <see cref="WriteFailureShownFor"/>
    /// has passed and a test write (rewriting the schema version) succeeds, or a turn's write does.
    /// </summary>
    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        await _connection.WaitAsync(ct);
        try
        {
            using var command = _db.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'conversations'";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 1) return false;
            if (Volatile.Read(ref _writesFailing) == 0) return true;
            if (Now() - Volatile.Read(ref _lastWriteFailure) < (long)WriteFailureShownFor.TotalMilliseconds) return false;
            Execute($"PRAGMA user_version = {SchemaVersion}");
            Volatile.Write(ref _writesFailing, 0);
            return true;
        }
        catch (SqliteException)
        {
            if (Volatile.Read(ref _writesFailing) == 1) Volatile.Write(ref _lastWriteFailure, Now());
            return false;
        }
        finally
        {
            _connection.Release();
        }
    }

    /// <summary>Tests: the file may not grow past its current size, so a write that needs a new page fails as on a full disk (SQLITE_FULL).</summary>
    internal void StopGrowingForTests()
    {
        _connection.Wait();
        try
        {
            Execute("PRAGMA max_page_count = " + PageCount());
        }
        finally
        {
            _connection.Release();
        }
    }

    private long PageCount()
    {
        using var command = _db.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
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
