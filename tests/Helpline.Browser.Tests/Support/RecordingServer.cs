using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Helpline.Browser.Tests.Support;

/// <summary>
/// The helpline on a loopback port with the repository's texts but its own copy of the audio folder
/// (Helpline:Audio:Folder; the stand-ins are needed, or the content would not validate), so what the
/// tests record never lands in the repository. Development
/// (no token) for the browser; Production with an admin token to check the page is behind it.
/// </summary>
public sealed class RecordingServer(bool production = false) : SimulatorServer
{
    public const string AdminToken = "recording-test-admin-token-0123456789";

    public string AudioFolder { get; } = CopyOfTheAudioFolder();

    private static string CopyOfTheAudioFolder()
    {
        var source = Path.Combine(SimulatorServer.RepoRoot, "locales", "audio");
        var copy = Directory.CreateTempSubdirectory("helpline-recordings-").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Helpline:Audio:Folder", AudioFolder);
        if (production)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Helpline:AdminToken", AdminToken);
            builder.UseSetting("Twilio:AuthToken", "recording-test-auth-token");
            builder.UseSetting("Twilio:AccountSid", "AC00000000000000000000000000000000");
            // Required outside Development: the URL Twilio signs (the page's own address is loopback).
            builder.UseSetting("Helpline:PublicBaseUrl", "http://127.0.0.1");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(AudioFolder, recursive: true); } catch (IOException) { }
    }
}
