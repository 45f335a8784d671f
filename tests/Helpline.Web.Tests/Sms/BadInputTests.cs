using Helpline.Web.State;
using Helpline.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Helpline.Web.Tests.Sms;

/// <summary>Whatever arrives, the texter gets a sensible reply or Twilio gets a 4xx, never a 500.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly HelplineApp _app = new();
    private const string Texter = "+15205550401";

    public void Dispose() => _app.Dispose();

    public static TheoryData<string, string> Inputs => new()
    {
        { "empty body", "" },
        { "only spaces", "   \n\t " },
        { "over 1600 characters", new string('a', 2000) },
        { "emoji", "😜🙏🏽" },
        { "right-to-left and bidi controls", "\u202Bسلام\u202C \u200F۱" },
        { "control characters", "\u0001\u0002\u0007\u001b[31m" },
        { "markup", "<Response><Dial>+15551234567</Dial></Response> & \"quotes\"" },
        { "lone surrogate", "\ud83d" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task OddText_GetsValidTwimlWithAReply(string what, string body)
    {
        await _app.PostSmsAsync(Texter, "english");
        var reply = await _app.PostSmsAsync(Texter, body);
        Assert.True(reply.Status == 200, what);
        Assert.Contains("Main menu", reply.Message);
        Assert.DoesNotContain("<Dial", reply.Body);
    }

    [Fact]
    public async Task MediaWithoutText_GetsTheCurrentMenuAgain()
    {
        await _app.PostSmsAsync(Texter, "english");
        var reply = await _app.PostSmsAsync(Texter, null, extra: new Dictionary<string, string>
        {
            ["NumMedia"] = "1",
            ["MediaUrl0"] = "https://api.twilio.com/media/ME1",
            ["MediaContentType0"] = "image/jpeg",
        });
        Assert.Equal(200, reply.Status);
        Assert.Contains("Main menu", reply.Message);
    }

    [Fact]
    public async Task MissingFrom_IsA400_WithValidTwiml()
    {
        var reply = await _app.PostAsync("/twilio/sms", [new("MessageSid", "SMx"), new("Body", "hola")]);
        Assert.Equal(400, reply.Status);
        Assert.True(reply.IsEmptyResponse);
    }

    [Fact]
    public async Task FirstMessageEmpty_GetsTheLanguageList()
    {
        var reply = await _app.PostSmsAsync("+15205550402", "");
        Assert.Contains("Español", reply.Message);
        Assert.Contains("دری", reply.Message);
    }

    [Fact]
    public async Task StoreFailure_StillAnswers200_WithApologyLegalHelpAndTheLanguageMenu()
    {
        var broken = new Mock<IConversationStore>();
        broken.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("disk on fire"));
        using var app = new HelplineApp(services: s => s.AddSingleton(broken.Object));
        var reply = await app.PostSmsAsync(Texter, "hola");
        Assert.Equal(200, reply.Status);
        Assert.Contains("Sorry, something went wrong", reply.Message);
        Assert.Contains("Lo sentimos", reply.Message);
        Assert.Contains("911", reply.Message);
        Assert.Contains("justice.gov/eoir/list-pro-bono-legal-service-providers", reply.Message);
        Assert.Contains("1 Español", reply.Message);
        Assert.Contains(app.Logs.Events, e => e.Level == Serilog.Events.LogEventLevel.Error && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task Flood_FromOneNumber_GetsEmptyRepliesPastTheLimit_OthersUnaffected()
    {
        using var app = new HelplineApp(new() { ["Helpline:MessagesPerMinute"] = "5" });
        var replies = new List<Reply>();
        for (var i = 0; i < 8; i++) replies.Add(await app.PostSmsAsync("+15205550403", "hola"));
        Assert.All(replies.Take(5), r => Assert.False(r.IsEmptyResponse));
        Assert.All(replies.Skip(5), r => { Assert.Equal(200, r.Status); Assert.True(r.IsEmptyResponse); });
        Assert.False((await app.PostSmsAsync("+15205550404", "hola")).IsEmptyResponse);
        app.Services.GetRequiredService<Helpline.Web.Hosting.RefusalLog>().Flush();
        var logged = Assert.Single(app.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Refused", StringComparison.Ordinal));
        Assert.Equal("3", logged.Properties["Count"].ToString());
        Assert.Equal("\"over-caller-limit\"", logged.Properties["Reason"].ToString());
    }
}
