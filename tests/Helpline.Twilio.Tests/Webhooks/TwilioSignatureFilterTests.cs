using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Helpline.Testing;
using Helpline.Twilio.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static Helpline.Twilio.Tests.Support.TestParameters;

namespace Helpline.Twilio.Tests.Webhooks;

public sealed class TwilioSignatureFilterTests
{
    private static readonly KeyValuePair<string, string>[] IncomingSms =
    [
        KeyValuePair.Create("MessageSid", "SM00000000000000000000000000000001"),
        KeyValuePair.Create("AccountSid", AccountSid),
        KeyValuePair.Create("From", CallerNumber),
        KeyValuePair.Create("To", HelplineNumber),
        KeyValuePair.Create("Body", "I need a lawyer & help"),
    ];

    [Fact]
    public async Task SignedFormPost_PassesToTheHandler()
    {
        await using var app = await WebhookTestApp.StartAsync(Settings());

        using var response = await app.Client.SendAsync(
            TwilioRequestSigner.SignedFormPost(AuthToken, $"{app.BaseUrl}/twilio/sms", IncomingSms));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Got: I need a lawyer &amp; help", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignedFormPost_WithQueryString_Passes()
    {
        await using var app = await WebhookTestApp.StartAsync(Settings());

        using var response = await app.Client.SendAsync(
            TwilioRequestSigner.SignedFormPost(AuthToken, $"{app.BaseUrl}/twilio/sms?flow=intake&from=%2B15005550006&note=a%20b", IncomingSms));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnsignedFormPost_Gets403AndNeverReachesTheHandler()
    {
        await using var app = await WebhookTestApp.StartAsync(Settings());

        using var response = await app.Client.PostAsync("/twilio/sms", new FormUrlEncodedContent(IncomingSms));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Got:", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FormPostSignedWithAnotherToken_Gets403()
    {
        await using var app = await WebhookTestApp.StartAsync(Settings());

        using var response = await app.Client.SendAsync(
            TwilioRequestSigner.SignedFormPost("someone-elses-token", $"{app.BaseUrl}/twilio/sms", IncomingSms));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SignedFormPost_WithBodyChangedOnTheWay_Gets403()
    {
        await using var app = await WebhookTestApp.StartAsync(Settings());
        var signature = TwilioRequestSigner.Sign(AuthToken, $"{app.BaseUrl}/twilio/sms", IncomingSms);
        var tampered = IncomingSms.Select(p => p.Key == "Body" ? KeyValuePair.Create("Body", "STOP") : p);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/sms") { Content = new FormUrlEncodedContent(tampered) };
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, signature);

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Rejection_LogsThePathButNoPhoneNumberBodyOrSignature()
    {
        await using var app = await WebhookTestApp.StartAsync(Settings());
        using var request = TwilioRequestSigner.SignedFormPost("wrong-token", $"{app.BaseUrl}/twilio/sms", IncomingSms);
        var signature = request.Headers.GetValues(TwilioSignatureFilter.SignatureHeader).Single();

        using var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var warning = Assert.Single(app.Logs.Entries, e => e.Category == typeof(TwilioSignatureFilter).FullName);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("/twilio/sms", warning.Message);
        Assert.DoesNotContain(CallerNumber, warning.Message);
        Assert.DoesNotContain(HelplineNumber, warning.Message);
        Assert.DoesNotContain("lawyer", warning.Message);
        Assert.DoesNotContain(signature, warning.Message);
    }

    [Fact]
    public async Task PublicBaseUrl_RequestToLoopbackSignedForThePublicUrl_Passes()
    {
        await using var app = await WebhookTestApp.StartAsync(Settings(publicBaseUrl: "https://public.example/"));

        using var response = await app.Client.SendAsync(TwilioRequestSigner.SignedFormPost(
            AuthToken, $"{app.BaseUrl}/twilio/sms", IncomingSms, signedUrl: "https://public.example/twilio/sms"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PublicBaseUrl_RequestSignedForTheLoopbackUrl_Gets403()
    {
        await using var app = await WebhookTestApp.StartAsync(Settings(publicBaseUrl: "https://public.example"));

        using var response = await app.Client.SendAsync(
            TwilioRequestSigner.SignedFormPost(AuthToken, $"{app.BaseUrl}/twilio/sms", IncomingSms));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SignedGet_IsCheckedOverTheUrlAlone()
    {
        await using var app = await WebhookTestApp.StartAsync(Settings());
        var url = $"{app.BaseUrl}/twilio/voice?CallSid=CA1&From=%2B15005550006";
        using var signed = new HttpRequestMessage(HttpMethod.Get, url);
        signed.Headers.Add(TwilioSignatureFilter.SignatureHeader, TwilioRequestSigner.Sign(AuthToken, url, []));

        using var accepted = await app.Client.SendAsync(signed);
        using var refused = await app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task SignedJsonBody_PassesAndTheHandlerCanStillReadTheBody()
    {
        await using var app = await WebhookTestApp.StartAsync(Settings());
        const string json = """{"event":"delivered","sid":"SM1"}""";

        using var response = await app.Client.SendAsync(SignedJsonPost(app, json, json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(json, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task JsonBodyNotMatchingItsHash_Gets403()
    {
        await using var app = await WebhookTestApp.StartAsync(Settings());

        using var response = await app.Client.SendAsync(SignedJsonPost(app, """{"event":"delivered"}""", """{"event":"failed"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SkipSignatureValidation_LetsUnsignedRequestsThrough()
    {
        await using var app = await WebhookTestApp.StartAsync(Settings(skip: true));

        using var response = await app.Client.PostAsync("/twilio/sms", new FormUrlEncodedContent(IncomingSms));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MissingAuthToken_RefusesEvenRequestsSignedWithTheEmptyKey()
    {
        await using var app = await WebhookTestApp.StartAsync(new Dictionary<string, string?> { ["AccountSid"] = AccountSid });

        using var response = await app.Client.SendAsync(
            TwilioRequestSigner.SignedFormPost("", $"{app.BaseUrl}/twilio/sms", IncomingSms));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("AuthToken"));
    }

    [Theory]
    [InlineData(null, "https://public.example/helpline/twilio/sms?lang=fa%2DAF&x=a+b")]
    [InlineData("https://public.example", "https://public.example/helpline/twilio/sms?lang=fa%2DAF&x=a+b")]
    [InlineData("https://public.example/", "https://public.example/helpline/twilio/sms?lang=fa%2DAF&x=a+b")]
    public void SignedUrl_RebuildsTheUrlWithPathBaseAndRawQuery(string? publicBaseUrl, string expected)
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "https";
        request.Host = new HostString("public.example");
        request.PathBase = "/helpline";
        request.Path = "/twilio/sms";
        request.QueryString = new QueryString("?lang=fa%2DAF&x=a+b");

        Assert.Equal(expected, TwilioSignatureFilter.SignedUrl(request, publicBaseUrl));
    }

    [Fact]
    public void SignedUrl_WithoutPublicBaseUrl_UsesTheRequestSchemeHostAndPort()
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new HostString("127.0.0.1", 5080);
        request.Path = "/twilio/sms";

        Assert.Equal("http://127.0.0.1:5080/twilio/sms", TwilioSignatureFilter.SignedUrl(request, publicBaseUrl: null));
    }

    [Fact]
    public void WarnIfSkipping_LogsAWarningOnlyWhenSkipping()
    {
        using var logs = new RecordingLoggerProvider();
        var logger = logs.CreateLogger("host");

        TwilioSignatureFilter.WarnIfSkipping(new TwilioOptions { SkipSignatureValidation = false }, logger);
        Assert.Empty(logs.Entries);

        TwilioSignatureFilter.WarnIfSkipping(new TwilioOptions { SkipSignatureValidation = true }, logger);
        Assert.Equal(LogLevel.Warning, Assert.Single(logs.Entries).Level);
    }

    private static Dictionary<string, string?> Settings(string? publicBaseUrl = null, bool skip = false) => new()
    {
        ["AuthToken"] = AuthToken,
        ["AccountSid"] = AccountSid,
        ["PublicBaseUrl"] = publicBaseUrl,
        ["SkipSignatureValidation"] = skip ? "true" : "false",
    };

    private static HttpRequestMessage SignedJsonPost(WebhookTestApp app, string hashedBody, string sentBody)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hashedBody)));
        var url = $"{app.BaseUrl}/twilio/events?bodySHA256={hash}";
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(sentBody, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, TwilioRequestSigner.Sign(AuthToken, url, []));
        return request;
    }
}
