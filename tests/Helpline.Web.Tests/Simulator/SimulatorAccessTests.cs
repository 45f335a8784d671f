using System.Net;
using System.Net.Http.Headers;
using Helpline.Web.Simulator;
using Helpline.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Helpline.Web.Tests.Simulator;

/// <summary>Outside Development the simulator exists only with the admin token, and only for whoever shows it.</summary>
public sealed class SimulatorAccessTests
{
    private const string AdminToken = "test-admin-token-0123456789";

    [Theory]
    [InlineData("/simulator")]
    [InlineData("/simulator/simulator.js")]
    [InlineData("/simulator/api/languages")]
    [InlineData("/simulator/report")]
    public async Task Production_WithoutAnAdminToken_HasNoSimulator(string path)
    {
        using var app = new HelplineApp();
        var client = Client(app);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "anything");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Production_WithoutAnAdminToken_TakesNoTurns()
    {
        using var app = new HelplineApp();
        var response = await Client(app).PostAsync("/simulator/api/turn", SimulatorApiTests.Json(new { session = "s1234567", channel = "sms", input = "hola" }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer test-admin-token-012345678")]
    [InlineData("Basic dGVzdC1hZG1pbi10b2tlbi0wMTIzNDU2Nzg5")]
    public async Task WithATokenConfigured_AWrongOrMissingCredential_Is401(string? authorization)
    {
        using var app = WithToken();
        var request = new HttpRequestMessage(HttpMethod.Get, "/simulator/api/languages");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await Client(app).SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task WithATokenConfigured_TheBearerToken_OpensPageAndApi()
    {
        using var app = WithToken();
        var client = Client(app);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);

        var page = await client.GetAsync("/simulator");
        var languages = await client.GetAsync("/simulator/api/languages");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Helpline simulator", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, languages.StatusCode);
        Assert.Contains("\"fa-AF\"", await languages.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithTheToken_TheContentReportPage_ShowsEveryLanguageAndTheDirectory()
    {
        using var app = WithToken();
        var client = Client(app);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);

        var page = await client.GetAsync("/simulator/report");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("text/html", page.Content.Headers.ContentType!.ToString());
        Assert.Contains("<table>", html);
        foreach (var name in new[] { "دری", "پښتو", "Kreyòl ayisyen", "中文", "ਪੰਜਾਬੀ" }) Assert.Contains(name, html);
        Assert.Contains("Las Americas Immigrant Advocacy Center", html);
        Assert.DoesNotContain("209-757-3733", html); // a hidden directory entry's number never shows
    }

    [Fact]
    public async Task TheTokenInTheAddress_IsTradedForAStrictHttpOnlyCookie_AndLeavesTheAddress()
    {
        using var app = WithToken();
        var client = Client(app);

        var first = await client.GetAsync($"/simulator?token={AdminToken}&lang=fa");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/simulator?lang=fa", first.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(SimulatorAccess.CookieName + "=", setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/simulator", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AdminToken, setCookie);

        var cookie = setCookie.Split(';')[0];
        var withCookie = new HttpRequestMessage(HttpMethod.Post, "/simulator/api/turn")
        {
            Content = SimulatorApiTests.Json(new { session = "cookie-session", channel = "sms", input = "hola" }),
        };
        withCookie.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(withCookie)).StatusCode);
    }

    [Fact]
    public async Task AWrongTokenInTheAddress_Is401_AndSetsNoCookie()
    {
        using var app = WithToken();
        var response = await Client(app).GetAsync("/simulator?token=not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task AForgedCookie_Is401()
    {
        using var app = WithToken();
        var request = new HttpRequestMessage(HttpMethod.Get, "/simulator");
        // The raw token is not what the cookie holds, so copying the token into a cookie does not work either.
        request.Headers.Add("Cookie", $"{SimulatorAccess.CookieName}={AdminToken}");
        var response = await Client(app).SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static HelplineApp WithToken() => new(new Dictionary<string, string?> { [SimulatorAccess.TokenKey] = AdminToken });

    private static HttpClient Client(HelplineApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
}
