using Helpline.Web.State;
using Helpline.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Web.Tests.Hosting;

/// <summary>How the helpline runs in production: wherever it is started from, behind a proxy, on a bad data folder, under a flood.</summary>
public sealed class ProductionHostingTests
{
    private const string AdminToken = "admin-token-for-tests";

    [Fact]
    public async Task SimulatorPage_IsServed_WhenTheAppIsStartedFromAnotherFolder()
    {
        // Started from the repository root: the web root it looks for there does not exist.
        using var app = new HelplineApp(new() { ["Helpline:AdminToken"] = AdminToken, ["webroot"] = Path.Combine(Path.GetTempPath(), "no-web-root-" + Guid.NewGuid().ToString("N")) });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);

        var page = await client.GetAsync("/simulator");

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(200, (int)(await client.GetAsync("/simulator/simulator.js")).StatusCode);
    }

    [Theory]
    [InlineData("/simulator/review")]
    [InlineData("/simulator/review/review.js")]
    [InlineData("/simulator/record")]
    [InlineData("/simulator/record.js")]
    public async Task ReviewAndRecordingPages_AreServed_WhenTheAppIsStartedFromAnotherFolder(string path)
    {
        using var app = new HelplineApp(new() { ["Helpline:AdminToken"] = AdminToken, ["webroot"] = Path.Combine(Path.GetTempPath(), "no-web-root-" + Guid.NewGuid().ToString("N")) });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);

        Assert.Equal(200, (int)(await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task SimulatorCookie_IsSecure_BehindATlsTerminatingProxy()
    {
        // The proxy speaks http to the app; the public URL is https.
        using var app = new HelplineApp(new() { ["Helpline:AdminToken"] = AdminToken });
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/simulator?token=" + AdminToken);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ReadOnlyDataFolder_StopsTheStart_NamingThePathAndWhatToDo()
    {
        // /sys is read-only even for root (CI runs as root, where file modes do not stop a write).
        var folder = OperatingSystem.IsLinux() && Directory.Exists("/sys/kernel") ? "/sys/kernel" : MakeReadOnlyFolder();
        var error = Assert.ThrowsAny<InvalidOperationException>(() => new SqliteConversationStore(Path.Combine(folder, "helpline.db"), TimeProvider.System));
        Assert.Contains(folder, error.Message);
        Assert.Contains("Helpline:DataFolder", error.Message);
        Assert.Contains("write access", error.Message);
    }

    private static string MakeReadOnlyFolder()
    {
        var folder = Directory.CreateTempSubdirectory("helpline-readonly-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return folder;
    }

    [Fact]
    public async Task AFloodOfForgedRequests_IsLoggedAsOneLinePerReasonPerMinute_AndCounted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var app = new HelplineApp(services: s => s.AddSingleton<TimeProvider>(time));
        for (var i = 0; i < 60; i++) await app.PostAsync("/twilio/sms", [new("From", "+15205551701"), new("Body", "x")], signature: "");
        for (var i = 0; i < 7; i++) await app.PostAsync("/twilio/sms", [new("From", "+15205551701"), new("Body", "x")], signature: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        Assert.DoesNotContain(app.Logs.Events, e => e.MessageTemplate.Text.Contains("Refused", StringComparison.Ordinal));

        time.Advance(TimeSpan.FromMinutes(1));

        var lines = app.Logs.Events.Where(e => e.MessageTemplate.Text.StartsWith("Refused", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, e => e.Properties["Count"].ToString() == "60" && e.Properties["Reason"].ToString() == "\"unsigned\"");
        Assert.Contains(lines, e => e.Properties["Count"].ToString() == "7" && e.Properties["Reason"].ToString() == "\"bad-signature\"");

        var metrics = await (await app.CreateClient().GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("helpline_webhook_refusals_total{reason=\"unsigned\"} 60", metrics);
    }
}
