using Helpline.Web.State;
using Microsoft.Data.Sqlite;

namespace Helpline.Web.Tests.State;

/// <summary>What only a file can show: restarts, more conversations than memory holds, the purge, a schema upgrade.</summary>
public sealed class SqliteFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "helpline-store-" + Guid.NewGuid().ToString("N"));
    private string DbPath => Path.Combine(_folder, "helpline.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task WhatWasSaved_IsInTheFile_ForTheNextProcess()
    {
        using (var first = new SqliteConversationStore(DbPath, TimeProvider.System))
        {
            await first.TrySaveAsync("sms:a", """{"n":1}""", 0, TimeSpan.FromDays(1));
            await first.TrySaveAsync("sms:a", """{"n":2}""", 1, TimeSpan.FromDays(1));
            await first.TrySaveAsync("sms:b", """{"n":1}""", 0, TimeSpan.FromDays(1));
            await first.DeleteAsync("sms:b");
        }

        using var second = new SqliteConversationStore(DbPath, TimeProvider.System);
        Assert.Equal(new StoredRecord("""{"n":2}""", 2), await second.GetAsync("sms:a"));
        Assert.Null(await second.GetAsync("sms:b"));
        Assert.True(await second.TrySaveAsync("sms:a", """{"n":3}""", 2, TimeSpan.FromDays(1)));
    }

    [Fact]
    public async Task ManyConversations_MoreThanMemoryHolds_AreAllReadBackFromTheFile()
    {
        using var store = new SqliteConversationStore(DbPath, TimeProvider.System, cachedRecords: 10);
        for (var i = 0; i < 100; i++) await store.TrySaveAsync($"sms:{i}", $$"""{"n":{{i}}}""", 0, TimeSpan.FromDays(1));

        for (var i = 0; i < 100; i++) Assert.Equal(new StoredRecord($$"""{"n":{{i}}}""", 1), await store.GetAsync($"sms:{i}"));
    }

    [Fact]
    public async Task PurgeExpiredAsync_MoreThanOneChunk_RemovesEveryExpiredRecord()
    {
        // The purge walks the table a chunk at a time: expired and live records interleaved across chunks.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var store = new SqliteConversationStore(DbPath, time);
        for (var i = 0; i < 5000; i++)
            await store.TrySaveAsync($"sms:{i:D5}", """{"n":1}""", 0, i % 5 == 0 ? TimeSpan.FromDays(1) : TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(4000, await store.PurgeExpiredAsync());

        Assert.Equal(0, await store.PurgeExpiredAsync());
        for (var i = 0; i < 5000; i += 5) Assert.NotNull(await store.GetAsync($"sms:{i:D5}"));
    }

    [Fact]
    public async Task AFileFromTheFirstSchema_IsUpgraded_AndKeepsItsConversations()
    {
        // The first release keyed the table by caller key (WITHOUT ROWID), with an index on expires_at.
        Directory.CreateDirectory(_folder);
        using (var old = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE conversations (key TEXT PRIMARY KEY, json TEXT NOT NULL, version INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
                CREATE INDEX conversations_expires ON conversations (expires_at);
                INSERT INTO conversations VALUES ('sms:a', '{"n":3}', 3, 32503680000000), ('sms:b', '{"n":1}', 1, 1);
                """;
            create.ExecuteNonQuery();
        }

        using (var store = new SqliteConversationStore(DbPath, TimeProvider.System))
        {
            Assert.Equal(new StoredRecord("""{"n":3}""", 3), await store.GetAsync("sms:a"));
            Assert.Null(await store.GetAsync("sms:b")); // expired then, expired now
            Assert.True(await store.TrySaveAsync("sms:a", """{"n":4}""", 3, TimeSpan.FromDays(1)));
            Assert.Equal(1, await store.PurgeExpiredAsync());
        }

        using var reopened = new SqliteConversationStore(DbPath, TimeProvider.System);
        Assert.Equal(new StoredRecord("""{"n":4}""", 4), await reopened.GetAsync("sms:a"));
    }
}
