using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Helpline.Web.State;
using Helpline.Web.Tests.Support;
using StackExchange.Redis;

namespace Helpline.Web.Tests.State;

/// <summary>The contract on a real redis-server, plus what only Redis does: it expires keys itself, on its own clock.</summary>
public sealed class RedisConversationStoreTests(RedisServerFixture redis) : ConversationStoreContract, IClassFixture<RedisServerFixture>
{
    private RedisConversationStore? _store;
    private ConnectionMultiplexer? _inspector;

    protected override IConversationStore Store => _store!;

    /// <summary>A second connection that looks at the raw keys, as an operator would.</summary>
    private IDatabase Raw => _inspector!.GetDatabase();

    public override async Task InitializeAsync()
    {
        _store = RedisConversationStore.Connect(redis.ConnectionString);
        _inspector = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        if (_inspector is not null) await _inspector.DisposeAsync();
    }

    /// <summary>Redis' clock is real: rather than wait ten minutes, read the TTL it holds (PTTL).</summary>
    protected override async Task AssertExpiresAfterAsync(string key, TimeSpan timeToLive)
    {
        var remaining = await Raw.KeyTimeToLiveAsync(RedisConversationStore.RedisKeyFor(key));
        Assert.NotNull(remaining);
        Assert.InRange(remaining.Value, timeToLive - TimeSpan.FromSeconds(30), timeToLive);
    }

    [Fact]
    public async Task TrySaveAsync_ShortTimeToLive_RedisRemovesTheRecordByItself()
    {
        var key = NewKey();
        await Store.TrySaveAsync(key, """{"n":1}""", 0, TimeSpan.FromMilliseconds(100));

        await WaitOnRedisClockUntilGoneAsync(key);

        Assert.False(await Raw.KeyExistsAsync(RedisConversationStore.RedisKeyFor(key)));
        Assert.True(await Store.TrySaveAsync(key, """{"n":2}""", 0, TimeSpan.FromDays(1))); // a new conversation
    }

    [Fact]
    public async Task PurgeExpiredAsync_ReturnsZero_BecauseRedisExpiresKeysItself()
    {
        await Store.TrySaveAsync(NewKey(), """{"n":1}""", 0, TimeSpan.FromMilliseconds(1));

        Assert.Equal(0, await Store.PurgeExpiredAsync());
    }

    [Fact]
    public async Task TrySaveAsync_WritesOnlyUnderTheHelplinePrefix_SoARedisCanBeShared()
    {
        var key = NewKey();
        await Raw.StringSetAsync(key, "someone else's value"); // the same name, unprefixed

        Assert.True(await Store.TrySaveAsync(key, """{"n":1}""", 0, TimeSpan.FromDays(1)));
        await Store.DeleteAsync(key);

        Assert.Equal("someone else's value", await Raw.StringGetAsync(key));
        Assert.StartsWith("helpline:conv:", RedisConversationStore.RedisKeyFor(key).ToString());
    }

    [Fact]
    public async Task TrySaveAsync_StoresAHashWithJsonAndVersion()
    {
        var key = NewKey();
        await Store.TrySaveAsync(key, """{"n":1}""", 0, TimeSpan.FromDays(1));
        await Store.TrySaveAsync(key, """{"n":2}""", 1, TimeSpan.FromDays(1));

        var fields = (await Raw.HashGetAllAsync(RedisConversationStore.RedisKeyFor(key))).ToDictionary(f => f.Name.ToString(), f => f.Value.ToString());

        Assert.Equal(new Dictionary<string, string> { ["json"] = """{"n":2}""", ["version"] = "2" }, fields);
    }

    [Fact]
    public async Task PingAsync_NothingListening_ReturnsFalseQuicklyWithoutThrowing()
    {
        var stopwatch = Stopwatch.StartNew();
        // The app starts while Redis is down: connecting does not throw either.
        await using var down = RedisConversationStore.Connect($"127.0.0.1:{ClosedLoopbackPort()}");

        Assert.False(await down.PingAsync());
        // Connect and PING each give up after the command timeout (2 s); a generous bound for a busy machine.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task GetAsync_NothingListening_Throws_SoTheTurnAnswersWithAnApology()
    {
        await using var down = RedisConversationStore.Connect($"127.0.0.1:{ClosedLoopbackPort()}");

        var failure = await Record.ExceptionAsync(() => down.GetAsync(NewKey()));

        // RedisConnectionException (a RedisException) or RedisTimeoutException (a TimeoutException), whichever comes first.
        Assert.True(failure is RedisException or TimeoutException, $"unexpected: {failure}");
    }

    /// <summary>
    /// Redis expires on its own real clock, which a FakeTimeProvider cannot move: poll it, every 50 ms,
    /// for at most 5 s. Used only for Redis.
    /// </summary>
    private async Task WaitOnRedisClockUntilGoneAsync(string key)
    {
        var deadline = Stopwatch.StartNew();
        while (await Store.GetAsync(key) is not null)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "Redis did not expire the record within 5 s");
            await Task.Delay(50);
        }
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
