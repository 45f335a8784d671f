using System.Diagnostics;
using Helpline.Web.Tests.Support;

namespace Helpline.Web.Tests.State;

/// <summary>
/// Redis goes down mid-conversation and comes back: the helpline keeps answering Twilio, says it is not
/// ready, and recovers by itself. (What it answers while down is the degraded-replies work; here: valid TwiML.)
/// </summary>
public sealed class RedisOutageTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task RedisKilledMidConversation_SmsStillAnswers_ReadyzSays503_AndAfterRestartTheConversationCarriesOn()
    {
        const string texter = "+15205550801";
        using var app = new HelplineApp(new()
        {
            ["Helpline:Store:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
        });
        var client = app.CreateClient();
        Assert.Contains("Información general", (await app.PostSmsAsync(texter, "Español")).Message);
        Assert.Equal(200, (int)(await client.GetAsync("/readyz")).StatusCode);

        await redis.StopAsync();

        var during = await app.PostSmsAsync(texter, "2");
        Assert.Equal(200, during.Status);
        Assert.StartsWith("text/xml", during.ContentType);
        Assert.Equal("Response", during.Xml.Root!.Name.LocalName);
        Assert.Contains(during.Messages, message => !string.IsNullOrWhiteSpace(message)); // the texter is told something, not left in silence
        Assert.Equal(503, (int)(await client.GetAsync("/readyz")).StatusCode);

        await redis.RestartAsync();
        await WaitOnRealClockUntilReadyAsync(client);

        var after = await app.PostSmsAsync(texter, "2");
        Assert.Contains("miedo de regresar", after.Message); // the Spanish "say you are afraid" answer: "Español" was kept
    }

    /// <summary>
    /// The Redis client reconnects on its own real-time schedule (a heartbeat and a back-off), which no
    /// fake clock drives: poll /readyz every 50 ms, for at most 30 s.
    /// </summary>
    private static async Task WaitOnRealClockUntilReadyAsync(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        while ((int)(await client.GetAsync("/readyz")).StatusCode != 200)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the helpline did not reconnect to Redis within 30 s of its restart");
            await Task.Delay(50);
        }
    }
}
