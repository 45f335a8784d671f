using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Helpline.Browser.Tests.Support;

/// <summary>
/// The helpline on a real loopback port (a browser cannot reach a TestServer), in Development so the
/// simulator is on without a token, with the repository's content (or a copy of it) and an in-memory
/// caller store. Servers that need more settings derive from it.
/// </summary>
public class SimulatorServer : WebApplicationFactory<Program>
{
    private readonly string _contentRoot;

    public SimulatorServer(string? contentRoot = null)
    {
        _contentRoot = contentRoot ?? RepoRoot;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Helpline:ContentRoot", _contentRoot);
        builder.UseSetting("Helpline:Store:Provider", "Memory");
        // Set, so Development does not write a caller-key secret into the repository's data folder.
        builder.UseSetting("Helpline:CallerKeySecret", "browser-test-caller-key-secret");
    }

    /// <summary>Starts Kestrel and returns where it listens (http://127.0.0.1:port).</summary>
    public Uri Start()
    {
        StartServer();
        var server = Services.GetRequiredService<IServer>();
        var addresses = server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        if (addresses.Count != 1) throw new InvalidOperationException($"{server.GetType()}: {string.Join(", ", addresses)}");
        return new Uri(addresses.Single());
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Helpline.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Helpline.sln not found");
    }
}
