using System.Net.Http.Headers;
using System.Text;
using Helpline.Testing;
using Helpline.Twilio;
using Helpline.Web.Tests.Support;

namespace Helpline.Web.Tests.Hosting;

/// <summary>
/// What someone without the auth token can do to the webhooks: nothing that any caller sees, nothing
/// kept per caller, never a 5xx, and no large body held in memory.
/// </summary>
public sealed class HostileTrafficTests : IDisposable
{
    private const string Victim = "+15205551101";
    private readonly HelplineApp _app = new(new() { ["Helpline:MessagesPerMinute"] = "5" });

    public void Dispose() => _app.Dispose();

    public static TheoryData<string> Webhooks => new() { "/twilio/sms", "/twilio/voice", "/twilio/voice/gather?s=1", "/twilio/voice/silence?s=1", "/twilio/voice/dial?s=1" };

    [Fact]
    public async Task UnsignedFlood_WithAVictimsNumber_LeavesTheVictimsNextMessageAnswered()
    {
        for (var i = 0; i < 100; i++)
        {
            var refused = await _app.PostAsync("/twilio/sms", [new("From", Victim), new("Body", "hola"), new("MessageSid", $"SMx{i}")], signature: "");
            Assert.Equal(403, refused.Status);
        }

        var reply = await _app.PostSmsAsync(Victim, "hola");
        Assert.Equal(200, reply.Status);
        Assert.False(reply.IsEmptyResponse);
        Assert.Contains("1 Español", reply.Message); // the first reply: the language menu
    }

    [Fact]
    public async Task UnsignedAnswers_AreTheSame_WhetherOrNotTheNumberHasTexted()
    {
        // The victim has used up the per-minute limit; a stranger has never texted.
        for (var i = 0; i < 6; i++) await _app.PostSmsAsync(Victim, "hola");

        var aboutVictim = await _app.PostAsync("/twilio/sms", [new("From", Victim), new("Body", "hola")], signature: "");
        var aboutStranger = await _app.PostAsync("/twilio/sms", [new("From", "+15205551102"), new("Body", "hola")], signature: "");
        Assert.Equal(aboutStranger, aboutVictim);
        Assert.Equal(403, aboutVictim.Status);
    }

    public static TheoryData<string, string> Oversized => new()
    {
        { "a value over 4 MB", "From=%2B15205551101&Body=" + new string('a', 4 * 1024 * 1024 + 10) },
        { "more than 1,024 fields", "From=%2B15205551101&" + string.Join("&", Enumerable.Range(0, 1100).Select(i => $"f{i}=1")) },
        { "a key over 2,048 characters", "From=%2B15205551101&" + new string('k', 3000) + "=1" },
        { "a NUL in a value", "From=%2B15205551101&Body=ho%00la&CallSid=CA1" },
        { "a broken escape", "From=%2B15205551101&Body=%E0%A4%A&CallSid=CA1" },
    };

    [Theory]
    [MemberData(nameof(Oversized))]
    public async Task MalformedUnsignedForm_Is403_WithoutAStackTrace(string what, string body)
    {
        foreach (var path in Webhooks)
        {
            var response = await SendAsync(path, body, "application/x-www-form-urlencoded", signature: null);
            Assert.True(response.Status == 403, $"{what} on {path}: {response.Status}");
        }
        AssertNoStackTraces();
    }

    [Theory]
    [MemberData(nameof(Oversized))]
    public async Task MalformedSignedForm_IsNeverA5xx_AndAnswersTwiml(string what, string body)
    {
        foreach (var path in Webhooks)
        {
            var response = await SendAsync(path, body, "application/x-www-form-urlencoded", signature: SignatureOf(path, body));
            Assert.True(response.Status < 500, $"{what} on {path}: {response.Status}");
            Assert.True(response.Status is 200 or 400 or 403 or 413, $"{what} on {path}: {response.Status}");
            Assert.Equal("Response", System.Xml.Linq.XDocument.Parse(response.Body).Root!.Name.LocalName);
        }
        AssertNoStackTraces();
    }

    [Theory]
    [InlineData("application/xml", "<From>+15205551101</From>")]
    [InlineData("text/plain", "From=+15205551101")]
    [InlineData("application/octet-stream", "\u0001\u0002")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"From\"\r\n\r\n+15205551101\r\n--x--\r\n")]
    public async Task SignedButNotAForm_Is400_WithEmptyTwiml(string contentType, string body)
    {
        foreach (var path in Webhooks)
        {
            // Signed over the URL alone, as Twilio signs a request without form parameters.
            var signature = TwilioRequestSigner.Sign(HelplineApp.AuthToken, HelplineApp.PublicBaseUrl + path, []);
            var response = await SendAsync(path, body, contentType, signature);
            Assert.True(response.Status == 400, $"{contentType} on {path}: {response.Status}");
            Assert.Equal(TwimlResponse.ContentType.Split(';')[0], response.ContentType.Split(';')[0]);
            Assert.Equal("Response", System.Xml.Linq.XDocument.Parse(response.Body).Root!.Name.LocalName);
        }
        AssertNoStackTraces();
    }

    [Fact]
    public async Task BodyOverTheWebhookLimit_IsRefused_BeforeItIsRead()
    {
        // Far more than any Twilio webhook (a few KB), far less than Kestrel's 30 MB default.
        var body = "From=%2B15205551101&Body=" + new string('a', 200 * 1024);
        var unsigned = await SendAsync("/twilio/sms", body, "application/x-www-form-urlencoded", signature: null);
        Assert.Equal(403, unsigned.Status);
        var signed = await SendAsync("/twilio/sms", body, "application/x-www-form-urlencoded", SignatureOf("/twilio/sms", body));
        Assert.Equal(413, signed.Status);
        AssertNoStackTraces();
    }

    private void AssertNoStackTraces() =>
        Assert.DoesNotContain(_app.Logs.Events, e => e.Exception is not null);

    /// <summary>Twilio's signature over whatever fields the body parses to (the signer's own parse, not the app's).</summary>
    private static string SignatureOf(string path, string body)
    {
        var fields = body.Split('&').Select(pair => pair.Split('=', 2)).Select(p => KeyValuePair.Create(Unescape(p[0]), p.Length > 1 ? Unescape(p[1]) : "")).ToList();
        return TwilioRequestSigner.Sign(HelplineApp.AuthToken, HelplineApp.PublicBaseUrl + path, fields);
    }

    private static string Unescape(string value)
    {
        try { return Uri.UnescapeDataString(value.Replace('+', ' ')); }
        catch (UriFormatException) { return value; }
    }

    private async Task<Reply> SendAsync(string path, string body, string contentType, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost" + path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (signature is not null) request.Headers.TryAddWithoutValidation(TwilioSignatureFilter.SignatureHeader, signature);
        var response = await _app.CreateClient().SendAsync(request);
        return new Reply((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", await response.Content.ReadAsStringAsync());
    }
}
