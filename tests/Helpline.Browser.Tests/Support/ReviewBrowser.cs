using System.Net;
using Helpline.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpline.Browser.Tests.Support;

/// <summary>
/// The helpline on a loopback port over a throwaway copy of the content (the review page writes into locales/),
/// and Debian's headless Chromium, for the review page's tests.
/// </summary>
public sealed class ReviewBrowser : IAsyncLifetime
{
    private readonly ContentCopy _content = new();
    private SimulatorServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ContentCopy Content => _content;

    public async Task InitializeAsync()
    {
        if (!File.Exists(SimulatorBrowser.ChromiumPath))
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {SimulatorBrowser.ChromiumPath}: run `apt-get install -y chromium`.");
        _server = new SimulatorServer(_content.Root);
        var baseUrl = _server.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = SimulatorBrowser.ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>A fresh page (own cookies and storage), as wide as a laptop or, with <paramref name="phone"/>, a phone.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 360, Height = 740 } : new ViewportSize { Width = 1280, Height = 880 },
            IsMobile = phone,
            HasTouch = phone,
            Locale = "en-US",
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        _content.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ReviewBrowserCollection : ICollectionFixture<ReviewBrowser>
{
    public const string Name = "translation review in a browser";
}
