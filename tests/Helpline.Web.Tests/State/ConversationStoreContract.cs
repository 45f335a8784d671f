using Helpline.Web.State;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Web.Tests.State;

/// <summary>
/// What every <see cref="IConversationStore"/> promises, run against each store: the conversation
/// turns rely on exactly these rules, whichever store is configured.
/// </summary>
public abstract class ConversationStoreContract : IAsyncLifetime
{
    protected static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>A new, empty store (or a new key space in a shared one) for each test.</summary>
    protected abstract IConversationStore Store { get; }

    /// <summary>
    /// Asserts that <paramref name="key"/> lives <paramref name="timeToLive"/> from now and no longer:
    /// by the injected clock where the store expires by it, by Redis' own TTL for Redis.
    /// </summary>
    protected abstract Task AssertExpiresAfterAsync(string key, TimeSpan timeToLive);

    /// <summary>Keys are new per test, so tests may share one server.</summary>
    protected static string NewKey() => "sms:" + Guid.NewGuid().ToString("N");

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GetAsync_MissingKey_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync(NewKey()));
    }

    [Fact]
    public async Task TrySaveAsync_AtVersionZero_InsertsAtVersionOne()
    {
        var key = NewKey();
        Assert.True(await Store.TrySaveAsync(key, """{"n":1}""", 0, Day));

        Assert.Equal(new StoredRecord("""{"n":1}""", 1), await Store.GetAsync(key));
    }

    [Fact]
    public async Task TrySaveAsync_AtTheVersionRead_UpdatesAndCountsUp()
    {
        var key = NewKey();
        await Store.TrySaveAsync(key, """{"n":1}""", 0, Day);

        Assert.True(await Store.TrySaveAsync(key, """{"n":2}""", 1, Day));
        Assert.True(await Store.TrySaveAsync(key, """{"n":3}""", 2, Day));

        Assert.Equal(new StoredRecord("""{"n":3}""", 3), await Store.GetAsync(key));
    }

    [Fact]
    public async Task TrySaveAsync_StaleVersion_IsRefusedAndChangesNothing()
    {
        var key = NewKey();
        await Store.TrySaveAsync(key, """{"n":1}""", 0, Day);
        await Store.TrySaveAsync(key, """{"n":2}""", 1, Day);

        Assert.False(await Store.TrySaveAsync(key, """{"stale":1}""", 1, Day));
        Assert.False(await Store.TrySaveAsync(key, """{"stale":0}""", 0, Day)); // "not stored yet", but it is
        Assert.False(await Store.TrySaveAsync(key, """{"ahead":1}""", 3, Day));

        Assert.Equal(new StoredRecord("""{"n":2}""", 2), await Store.GetAsync(key));
    }

    [Fact]
    public async Task TrySaveAsync_NonZeroVersionOfAMissingKey_IsRefused()
    {
        var key = NewKey();

        Assert.False(await Store.TrySaveAsync(key, """{"n":1}""", 1, Day));
        Assert.Null(await Store.GetAsync(key));
    }

    [Fact]
    public async Task TrySaveAsync_ManyInsertsAtOnce_ExactlyOneWins()
    {
        var key = NewKey();

        var saved = await AllAtOnceAsync(20, i => Store.TrySaveAsync(key, $$"""{"writer":{{i}}}""", 0, Day));

        var winner = Assert.Single(Enumerable.Range(0, saved.Length), i => saved[i]);
        Assert.Equal(new StoredRecord($$"""{"writer":{{winner}}}""", 1), await Store.GetAsync(key));
    }

    [Fact]
    public async Task TrySaveAsync_ManyUpdatesAtTheSameVersion_ExactlyOneWins()
    {
        var key = NewKey();
        await Store.TrySaveAsync(key, """{"writer":"first"}""", 0, Day);

        var saved = await AllAtOnceAsync(20, i => Store.TrySaveAsync(key, $$"""{"writer":{{i}}}""", 1, Day));

        var winner = Assert.Single(Enumerable.Range(0, saved.Length), i => saved[i]);
        Assert.Equal(new StoredRecord($$"""{"writer":{{winner}}}""", 2), await Store.GetAsync(key));
    }

    [Fact]
    public async Task TrySaveAsync_ManyConversationsAtOnce_EverySaveLands()
    {
        // Many people texting at the same moment: each save is its own, even when a store commits them together.
        var keys = Enumerable.Range(0, 64).Select(_ => NewKey()).ToArray();

        var saved = await AllAtOnceAsync(keys.Length, i => Store.TrySaveAsync(keys[i], $$"""{"caller":{{i}}}""", 0, Day));
        var updated = await AllAtOnceAsync(keys.Length, i => Store.TrySaveAsync(keys[i], $$"""{"caller":{{i}},"turn":2}""", 1, Day));

        Assert.All(saved, Assert.True);
        Assert.All(updated, Assert.True);
        for (var i = 0; i < keys.Length; i++)
            Assert.Equal(new StoredRecord($$"""{"caller":{{i}},"turn":2}""", 2), await Store.GetAsync(keys[i]));
    }

    [Fact]
    public async Task SavesAndDeletesAtOnce_EachKeyEndsAsItsWriteSaid()
    {
        var kept = Enumerable.Range(0, 16).Select(_ => NewKey()).ToArray();
        var erased = Enumerable.Range(0, 16).Select(_ => NewKey()).ToArray();
        foreach (var key in erased) await Store.TrySaveAsync(key, """{"n":1}""", 0, Day);

        await AllAtOnceAsync(32, async i =>
        {
            if (i < 16) return await Store.TrySaveAsync(kept[i], """{"n":1}""", 0, Day);
            await Store.DeleteAsync(erased[i - 16]);
            return true;
        });

        foreach (var key in kept) Assert.Equal(new StoredRecord("""{"n":1}""", 1), await Store.GetAsync(key));
        foreach (var key in erased) Assert.Null(await Store.GetAsync(key));
    }

    [Fact]
    public async Task DeleteAsync_StoredKey_RemovesItSoItCanStartAgain()
    {
        var key = NewKey();
        var other = NewKey();
        await Store.TrySaveAsync(key, """{"n":1}""", 0, Day);
        await Store.TrySaveAsync(other, """{"other":1}""", 0, Day);

        await Store.DeleteAsync(key);

        Assert.Null(await Store.GetAsync(key));
        Assert.NotNull(await Store.GetAsync(other));
        Assert.False(await Store.TrySaveAsync(key, """{"n":2}""", 1, Day));
        Assert.True(await Store.TrySaveAsync(key, """{"n":2}""", 0, Day));
    }

    [Fact]
    public async Task DeleteAsync_MissingKey_DoesNothing()
    {
        var other = NewKey();
        await Store.TrySaveAsync(other, """{"n":1}""", 0, Day);
        var missing = NewKey();
        await Store.DeleteAsync(missing);
        Assert.Null(await Store.GetAsync(missing));
        Assert.Equal(new StoredRecord("""{"n":1}""", 1), await Store.GetAsync(other)); // nothing else erased
        Assert.True(await Store.TrySaveAsync(missing, """{"n":2}""", 0, Day)); // and the key is still free to use
    }

    [Fact]
    public async Task TrySaveAsync_Insert_ExpiresAfterItsTimeToLive()
    {
        var key = NewKey();
        await Store.TrySaveAsync(key, """{"n":1}""", 0, TimeSpan.FromMinutes(10));

        await AssertExpiresAfterAsync(key, TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task TrySaveAsync_Update_ReplacesTheTimeToLive()
    {
        var key = NewKey();
        await Store.TrySaveAsync(key, """{"n":1}""", 0, TimeSpan.FromMinutes(1));

        // A conversation lives its time to live from its last message, not its first.
        await Store.TrySaveAsync(key, """{"n":2}""", 1, TimeSpan.FromMinutes(10));

        await AssertExpiresAfterAsync(key, TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task PurgeExpiredAsync_LiveRecords_AreKept()
    {
        var key = NewKey();
        await Store.TrySaveAsync(key, """{"n":1}""", 0, Day);

        Assert.Equal(0, await Store.PurgeExpiredAsync());

        Assert.NotNull(await Store.GetAsync(key));
    }

    [Fact]
    public async Task PingAsync_StoreUp_ReturnsTrue()
    {
        Assert.True(await Store.PingAsync());
    }

    /// <summary>Starts every call together on the thread pool, so they truly overlap.</summary>
    private static async Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await call(i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(calls);
    }
}

/// <summary>
/// The contract for stores that expire by the injected <see cref="TimeProvider"/> (memory, SQLite):
/// their time is a <see cref="FakeTimeProvider"/>, so expiry and purging are tested without waiting.
/// </summary>
public abstract class ClockDrivenConversationStoreContract : ConversationStoreContract
{
    protected FakeTimeProvider Time { get; } = new();

    protected override async Task AssertExpiresAfterAsync(string key, TimeSpan timeToLive)
    {
        Time.Advance(timeToLive - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await Store.GetAsync(key));
        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await Store.GetAsync(key));
    }

    [Fact]
    public async Task TrySaveAsync_AtVersionZeroOverAnExpiredRecord_StartsAgain()
    {
        var key = NewKey();
        await Store.TrySaveAsync(key, """{"old":1}""", 0, TimeSpan.FromMinutes(1));
        Time.Advance(TimeSpan.FromMinutes(2));

        Assert.True(await Store.TrySaveAsync(key, """{"new":1}""", 0, Day));

        Assert.Equal("""{"new":1}""", (await Store.GetAsync(key))?.Json);
    }

    [Fact]
    public async Task TrySaveAsync_AtTheVersionOfAnExpiredRecord_IsRefused()
    {
        var key = NewKey();
        await Store.TrySaveAsync(key, """{"old":1}""", 0, TimeSpan.FromMinutes(1));
        Time.Advance(TimeSpan.FromMinutes(2));

        Assert.False(await Store.TrySaveAsync(key, """{"late":1}""", 1, Day));
        Assert.Null(await Store.GetAsync(key));
    }

    [Fact]
    public async Task PurgeExpiredAsync_RemovesOnlyExpiredRecords()
    {
        var expiring = NewKey();
        var live = NewKey();
        await Store.TrySaveAsync(expiring, """{"n":1}""", 0, TimeSpan.FromMinutes(1));
        await Store.TrySaveAsync(live, """{"n":1}""", 0, TimeSpan.FromHours(1));
        Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, await Store.PurgeExpiredAsync());
        Assert.Equal(0, await Store.PurgeExpiredAsync()); // it is gone, not just hidden

        Assert.NotNull(await Store.GetAsync(live));
    }
}
