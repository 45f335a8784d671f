using System.Text.Json;
using Helpline.Web.Content;
using Helpline.Web.State;
using Helpline.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Helpline.Web.Tests.Hosting;

/// <summary>/healthz and /readyz tell a load balancer the truth, and an anonymous visitor nothing more.</summary>
public sealed class HealthTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "helpline-health-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Healthz_IsOk_AndReadyz_ReportsStoreAndContent()
    {
        using var app = new HelplineApp();
        var client = app.CreateClient();
        var live = await client.GetAsync("/healthz");
        Assert.Equal(200, (int)live.StatusCode);
        Assert.Equal("ok", await live.Content.ReadAsStringAsync());

        var ready = await client.GetAsync("/readyz");
        Assert.Equal(200, (int)ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("store").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("content").GetProperty("lastRefusal").ValueKind);
        Assert.True(json.RootElement.GetProperty("content").TryGetProperty("loadedAt", out _));
    }

    [Fact]
    public async Task Readyz_WhenEveryWriteFails_SaysTheStoreIsUnavailable()
    {
        using var app = new HelplineApp(new() { ["Helpline:Store:Provider"] = "Sqlite", ["Helpline:DataFolder"] = _folder });
        var client = app.CreateClient();
        var store = Assert.IsType<SqliteConversationStore>(app.Store);
        store.StopGrowingForTests();

        // New conversations need new pages: their writes fail as on a full disk, and each still gets an answer.
        var failed = false;
        for (var i = 0; i < 200 && !failed; i++)
        {
            try { await store.TrySaveAsync($"sms:fill-{i}", new string('x', 2000), 0, TimeSpan.FromDays(1)); }
            catch (SqliteException) { failed = true; }
        }
        Assert.True(failed);

        var ready = await client.GetAsync("/readyz");
        Assert.Equal(503, (int)ready.StatusCode);
        Assert.Contains("\"store\":\"unavailable\"", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SqliteStore_AfterFailedWrites_IsUnavailableForAWhile_ThenATestWriteBringsItBack()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var store = new SqliteConversationStore(Path.Combine(_folder, "helpline.db"), time);
        Assert.True(await store.PingAsync());
        store.StopGrowingForTests();
        await Assert.ThrowsAsync<SqliteException>(async () =>
        {
            for (var i = 0; i < 200; i++) await store.TrySaveAsync($"sms:fill-{i}", new string('x', 2000), 0, TimeSpan.FromDays(1));
        });

        Assert.False(await store.PingAsync());
        time.Advance(SqliteConversationStore.WriteFailureShownFor - TimeSpan.FromSeconds(1));
        Assert.False(await store.PingAsync());
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await store.PingAsync()); // the test write (in place, no new page) succeeds
    }

    [Fact]
    public async Task Readyz_AfterARefusedContentEdit_ShowsNoPathOrTypeName()
    {
        using var app = new HelplineApp();
        var client = app.CreateClient();
        app.Services.GetRequiredService<ContentSource>().Refuse(
            "/srv/helpline/flows/main.yaml:12: Property 'nextx' not found on type 'Helpline.Core.Flows.NodeDefinition'");

        var body = await (await client.GetAsync("/readyz")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("main.yaml", body);
        Assert.DoesNotContain("/srv", body);
        Assert.DoesNotContain("Helpline.Core", body);
        Assert.DoesNotContain("nextx", body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("content").GetProperty("lastRefusal").ValueKind);
    }
}
