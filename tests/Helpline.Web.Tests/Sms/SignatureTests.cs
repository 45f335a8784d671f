using Helpline.Web.Tests.Support;

namespace Helpline.Web.Tests.Sms;

public sealed class SignatureTests : IDisposable
{
    private readonly HelplineApp _app = new();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string> Webhooks => new() { "/twilio/sms", "/twilio/voice", "/twilio/voice/gather?s=1", "/twilio/voice/silence?s=1", "/twilio/voice/dial?s=1" };

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task Unsigned_Is403(string path)
    {
        var reply = await _app.PostAsync(path, [new("From", "+15205550501"), new("Body", "hola"), new("CallSid", "CA1")], signature: "");
        Assert.Equal(403, reply.Status);
    }

    [Theory]
    [MemberData(nameof(Webhooks))]
    public async Task WronglySigned_Is403(string path)
    {
        var reply = await _app.PostAsync(path, [new("From", "+15205550501"), new("Body", "hola"), new("CallSid", "CA1")], signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        Assert.Equal(403, reply.Status);
    }

    [Fact]
    public async Task SignedForAnotherUrl_Is403()
    {
        var client = _app.CreateClient();
        var form = new List<KeyValuePair<string, string>> { new("From", "+15205550501"), new("Body", "hola") };
        var request = Helpline.Testing.TwilioRequestSigner.SignedFormPost(HelplineApp.AuthToken, "http://localhost/twilio/sms", form, "https://attacker.example/twilio/sms");
        Assert.Equal(403, (int)(await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task SignedForThePublicBaseUrl_IsAccepted_BehindAProxy()
    {
        var reply = await _app.PostSmsAsync("+15205550501", "hola");
        Assert.Equal(200, reply.Status);
    }

    [Fact]
    public async Task HealthzAnswers_WithoutASignature()
    {
        var response = await _app.CreateClient().GetAsync("/healthz");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(200, (int)(await _app.CreateClient().GetAsync("/readyz")).StatusCode);
    }
}
