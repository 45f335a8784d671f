using Helpline.Web.State;
using Helpline.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Helpline.Web.Tests.State;

/// <summary>
/// Two helpline instances over one Redis, as behind a load balancer: a texter's messages land on
/// either, and the conversation is the same one (issue 6).
/// </summary>
public sealed class MultiInstanceTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private HelplineApp Instance() => new(new()
    {
        ["Helpline:Store:Provider"] = "Redis",
        ["ConnectionStrings:Redis"] = redis.ConnectionString,
    });

    private static async Task<StoredRecord> RecordOfAsync(HelplineApp app, string texter) =>
        await app.Store.GetAsync(app.Services.GetRequiredService<CallerKeys>().For("sms", texter))
        ?? throw new InvalidOperationException("no record stored for the texter");

    [Fact]
    public async Task OneConversation_AlternatingBetweenInstances_EachReplyContinuesThePreviousOne()
    {
        const string texter = "+15205550701";
        using var a = Instance();
        using var b = Instance();

        var menu = await a.PostSmsAsync(texter, "Español");
        Assert.Contains("Información general", menu.Message);

        var fear = await b.PostSmsAsync(texter, "2");
        Assert.Contains("miedo de regresar", fear.Message); // "say you are afraid", in Spanish

        var second = await a.PostSmsAsync(texter, "más");
        Assert.Contains("expulsión acelerada", second.Message); // the next page of the same answer

        var third = await b.PostSmsAsync(texter, "más");
        Assert.Contains("entrevista de miedo creíble", third.Message);
        Assert.Equal(4, (await RecordOfAsync(b, texter)).Version);
    }

    [Fact]
    public async Task TwoMessagesAtOnce_OnBothInstances_BothCountAndTheRecordStaysConsistent()
    {
        const string texter = "+15205550702";
        using var a = Instance();
        using var b = Instance();
        await a.PostSmsAsync(texter, "Español");
        var first = await b.PostSmsAsync(texter, "2");
        Assert.Contains("miedo de regresar", first.Message);
        var before = (await RecordOfAsync(a, texter)).Version;

        // "MORE" twice at once: one gets page 2 and the other page 3. A lost update would give page 2 twice.
        var replies = await Task.WhenAll(a.PostSmsAsync(texter, "más"), b.PostSmsAsync(texter, "más"));

        Assert.All(replies, reply => Assert.Equal(200, reply.Status));
        Assert.Single(replies, reply => reply.Message.Contains("expulsión acelerada"));
        Assert.Single(replies, reply => reply.Message.Contains("entrevista de miedo creíble"));
        Assert.Equal(before + 2, (await RecordOfAsync(b, texter)).Version);

        var last = await a.PostSmsAsync(texter, "más"); // both were remembered: this is page 4
        Assert.Contains("Proclamación 10888", last.Message);
    }

    [Fact]
    public async Task OneInstanceStops_MidConversation_TheOtherCarriesOn()
    {
        const string texter = "+15205550703";
        using var b = Instance();
        using (var a = Instance())
        {
            await a.PostSmsAsync(texter, "Español");
            Assert.Contains("miedo de regresar", (await a.PostSmsAsync(texter, "2")).Message);
        }

        var answer = await b.PostSmsAsync(texter, "más");

        Assert.Contains("expulsión acelerada", answer.Message);
    }
}
