using Helpline.Web.Conversations;
using Helpline.Web.State;
using Helpline.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Helpline.Web.Tests.Sms;

/// <summary>Twilio retries deliveries and people send two texts at once: neither may lose or double a turn.</summary>
public sealed class DeliveryTests : IDisposable
{
    private readonly HelplineApp _app = new();
    private const string Texter = "+15205550301";

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RepeatedMessageSid_GetsTheSameReply_AndDoesNotAdvance()
    {
        await _app.PostSmsAsync(Texter, "english");
        var first = await _app.PostSmsAsync(Texter, "6", messageSid: "SMrepeat1");
        var again = await _app.PostSmsAsync(Texter, "6", messageSid: "SMrepeat1");
        Assert.Equal(first.Body, again.Body);
        Assert.Contains("Detention:", first.Message);

        // Had it advanced twice, "6" would have been read on the detention menu: "Someone is in detention" list.
        var next = await _app.PostSmsAsync(Texter, "1");
        Assert.Contains("To report a problem in detention", next.Message);
    }

    [Fact]
    public async Task AnOlderMessageSidRepeated_AfterANewerOne_GetsNoReply_AndDoesNotAdvance()
    {
        // Twilio retried the first text after the second was answered: the person already has a newer reply.
        await _app.PostSmsAsync(Texter, "english");
        await _app.PostSmsAsync(Texter, "6", messageSid: "SMolder1");
        var newer = await _app.PostSmsAsync(Texter, "*", messageSid: "SMnewer1");
        Assert.Contains("Detention:", newer.Message);

        var older = await _app.PostSmsAsync(Texter, "6", messageSid: "SMolder1");

        Assert.Equal(200, older.Status);
        Assert.Empty(older.Messages);
        var next = await _app.PostSmsAsync(Texter, "1");
        Assert.Contains("To report a problem in detention", next.Message);
    }

    [Fact]
    public async Task RepeatedIdempotencyToken_WithoutMessageSid_GetsTheSameReply()
    {
        await _app.PostSmsAsync(Texter, "english");
        var form = new List<KeyValuePair<string, string>> { new("From", Texter), new("Body", "6") };
        var client = _app.CreateClient();
        async Task<string> Send()
        {
            var request = Helpline.Testing.TwilioRequestSigner.SignedFormPost(HelplineApp.AuthToken, "http://localhost/twilio/sms", form, HelplineApp.PublicBaseUrl + "/twilio/sms");
            request.Headers.Add("I-Twilio-Idempotency-Token", "token-1");
            return await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        }
        Assert.Equal(await Send(), await Send());
    }

    [Fact]
    public async Task TwoMessagesAtTheSameMoment_BothCount_AndTheStateStaysConsistent()
    {
        await _app.PostSmsAsync(Texter, "english");
        var keys = _app.Services.GetRequiredService<CallerKeys>();
        var key = keys.For("sms", Texter);
        var before = (await _app.Store.GetAsync(key))!.Version;

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _app.PostSmsAsync(Texter, "*", messageSid: $"SMconcurrent{i}")));

        Assert.All(replies, r => Assert.Contains("Main menu", r.Message));
        var after = (await _app.Store.GetAsync(key))!;
        Assert.Equal(before + 8, after.Version);
        var record = ConversationRecord.FromJson(after.Json);
        Assert.Equal("main/main", record.State!.Position);
        // All 8 deliveries are remembered (each one's repeat would be recognised), the newest with its reply.
        Assert.All(Enumerable.Range(0, 8), i => Assert.True(record.Seen(DeliveryIdOf($"SMconcurrent{i}"), out _)));
        Assert.Single(record.Recent);
    }

    /// <summary>The webhook remembers a delivery by a hash of its MessageSid (as SmsWebhook does).</summary>
    private static string DeliveryIdOf(string messageSid) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(messageSid)))[..32];

    [Fact]
    public async Task StoredRecord_HoldsNeitherTheNumberNorTheMessage()
    {
        await _app.PostSmsAsync(Texter, "english");
        await _app.PostSmsAsync(Texter, "my name is Maria Quispe from Huancayo");
        var store = (MemoryConversationStore)_app.Store;
        var key = _app.Services.GetRequiredService<CallerKeys>().For("sms", Texter);
        var json = (await store.GetAsync(key))!.Json;
        Assert.DoesNotContain("5205550301", key + json);
        Assert.DoesNotContain("Quispe", json);
        Assert.DoesNotContain("Huancayo", json);
    }
}

/// <summary>A captured, signed delivery replayed later must not be applied again while its conversation exists.</summary>
public sealed class ReplayTests : IDisposable
{
    private readonly HelplineApp _app = new(new() { ["Helpline:MessagesPerMinute"] = "1000" });
    private const string Texter = "+15205551601";

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ACapturedStop_ReplayedAfterManyMessages_DoesNotOptThePersonOutAgain()
    {
        await _app.PostSmsAsync(Texter, "english");
        await _app.PostSmsAsync(Texter, "STOP", messageSid: "SMcapturedstop");
        await _app.PostSmsAsync(Texter, "START");
        for (var i = 0; i < 20; i++) await _app.PostSmsAsync(Texter, "0");

        var replayed = await _app.PostSmsAsync(Texter, "STOP", messageSid: "SMcapturedstop");

        Assert.True(replayed.IsEmptyResponse);
        var next = await _app.PostSmsAsync(Texter, "0");
        Assert.Contains("Main menu", next.Message); // still answered: not opted out
    }

    [Fact]
    public async Task EveryEarlierDelivery_ReplayedAfterHundreds_ChangesNothing()
    {
        // Past the exact list, older deliveries are still recognised (a fixed-size filter): none is applied again.
        await _app.PostSmsAsync(Texter, "english", messageSid: "SMreplay-0");
        for (var i = 1; i < 150; i++) await _app.PostSmsAsync(Texter, i % 2 == 0 ? "0" : "6", messageSid: $"SMreplay-{i}");
        var before = await _app.Store.GetAsync(_app.Services.GetRequiredService<CallerKeys>().For("sms", Texter));

        // (The newest one, repeated, would get its reply again: that is Twilio's retry.)
        for (var i = 0; i < 149; i++) Assert.True((await _app.PostSmsAsync(Texter, "STOP", messageSid: $"SMreplay-{i}")).IsEmptyResponse);

        var after = await _app.Store.GetAsync(_app.Services.GetRequiredService<CallerKeys>().For("sms", Texter));
        Assert.Equal(before, after);
        var record = ConversationRecord.FromJson(after!.Json);
        Assert.False(record.OptedOut);
        // The cost per conversation is bounded, however many deliveries it has seen.
        Assert.True(after.Json.Length < ConversationRecord.MaxDeliveryBytes * 4 / 3 + 1500, $"record of {after.Json.Length} characters");
    }
}
