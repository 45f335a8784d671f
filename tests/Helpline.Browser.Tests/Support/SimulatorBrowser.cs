using Microsoft.Playwright;

namespace Helpline.Browser.Tests.Support;

/// <summary>
/// One server and one headless Debian Chromium for all browser tests. No browser is ever downloaded
/// (there is no internet here): without /usr/bin/chromium the tests fail, saying how to install it.
/// </summary>
public sealed class SimulatorBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly SimulatorServer _server = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Where screenshots go: bin/.../artifacts, beside the test assembly.</summary>
    public static string ArtifactsFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}: run `apt-get install -y chromium` " +
                "(.ci/run installs it). They never download a browser.");
        }
        BaseUrl = _server.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh page (its own cookies and storage) sized like a laptop screen.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1360, Height = 880 },
            Locale = "en-US",
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SimulatorBrowserCollection : ICollectionFixture<SimulatorBrowser>
{
    public const string Name = "simulator in a browser";
}
