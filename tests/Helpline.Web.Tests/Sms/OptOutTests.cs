using Helpline.Web.Tests.Support;

namespace Helpline.Web.Tests.Sms;

public sealed class OptOutTests : IDisposable
{
    private readonly HelplineApp _app = new();
    private const string Texter = "+15205550201";

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("Unsubscribe")]
    [InlineData("CANCEL")]
    [InlineData("END")]
    [InlineData("QUIT")]
    [InlineData("STOPALL")]
    public async Task OptOutWord_GetsNoReply_AndNothingAfterUntilStart(string word)
    {
        await _app.PostSmsAsync(Texter, "english");
        Assert.True((await _app.PostSmsAsync(Texter, word)).IsEmptyResponse);
        Assert.True((await _app.PostSmsAsync(Texter, "1")).IsEmptyResponse);
        Assert.True((await _app.PostSmsAsync(Texter, "help")).IsEmptyResponse);

        var back = await _app.PostSmsAsync(Texter, "START");
        Assert.Contains("Main menu", back.Message);
    }

    [Fact]
    public async Task TwilioOptOutType_Stop_CountsAsStop()
    {
        await _app.PostSmsAsync(Texter, "english");
        var reply = await _app.PostSmsAsync(Texter, "arrêtez", extra: new Dictionary<string, string> { ["OptOutType"] = "STOP" });
        Assert.True(reply.IsEmptyResponse);
        Assert.True((await _app.PostSmsAsync(Texter, "1")).IsEmptyResponse);
    }

    [Fact]
    public async Task StopInsideASentence_IsNotAnOptOut()
    {
        await _app.PostSmsAsync(Texter, "english");
        var reply = await _app.PostSmsAsync(Texter, "please stop the deportation");
        Assert.False(reply.IsEmptyResponse);
    }

    [Fact]
    public async Task YesOrUnstop_OptBackIn()
    {
        await _app.PostSmsAsync(Texter, "english");
        await _app.PostSmsAsync(Texter, "STOP");
        Assert.False((await _app.PostSmsAsync(Texter, "UNSTOP")).IsEmptyResponse);
        await _app.PostSmsAsync(Texter, "STOP");
        Assert.False((await _app.PostSmsAsync(Texter, "yes")).IsEmptyResponse);
    }
}
