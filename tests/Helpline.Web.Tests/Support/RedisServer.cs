using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Helpline.Web.Tests.Support;

/// <summary>
/// A real redis-server (Debian's binary) for one test class: a child process on a free loopback port,
/// no persistence of its own, killed on dispose. Never a system service, so tests do not depend on
/// what else runs on the machine. Tests can take it down and bring it back on the same port.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private const string Binary = "redis-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    // Its own folder: the snapshot written before an outage (see StopAsync) is read back on restart from here.
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "helpline-redis-" + Guid.NewGuid().ToString("N"));
    private readonly List<string> _output = [];
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>For ConnectionStrings:Redis and RedisConversationStore.Connect.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        var binary = FindOnPath(Binary) ?? throw new InvalidOperationException(
            "redis-server is not installed, and the Redis tests need a real one: apt-get install -y redis-server (.ci/run installs it).");
        Directory.CreateDirectory(_folder);
        // A free port can be taken between asking and binding; then try another.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            try
            {
                await StartAsync(binary);
                return;
            }
            catch (RedisServerDidNotStartException) when (attempt < 3)
            {
                // The next attempt asks for another port.
            }
        }
    }

    /// <summary>
    /// An outage: the process is killed, not shut down. A snapshot is taken first so that, as with a
    /// Redis that persists, what was stored is there again after <see cref="RestartAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        Assert.Equal("+OK", await CommandAsync("SAVE"));
        await KillAsync();
    }

    /// <summary>Starts the server again on the same port (and with the data saved by <see cref="StopAsync"/>).</summary>
    public Task RestartAsync() => StartAsync(FindOnPath(Binary)!);

    public async Task DisposeAsync()
    {
        await KillAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task StartAsync(string binary)
    {
        var start = new ProcessStartInfo(binary)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", _folder })
            start.ArgumentList.Add(argument);

        // True once Redis says it listens, false if it exits first (the port was taken, a bad argument).
        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void Collect(object? sender, DataReceivedEventArgs line)
        {
            if (line.Data is null) return;
            lock (_output) _output.Add(line.Data);
            if (line.Data.Contains("Ready to accept connections", StringComparison.Ordinal)) ready.TrySetResult(true);
        }
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.Exited += (_, _) => ready.TrySetResult(false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        string? failure = null;
        try
        {
            if (!await ready.Task.WaitAsync(StartTimeout)) failure = "exited";
        }
        catch (TimeoutException)
        {
            failure = $"was not ready within {StartTimeout.TotalSeconds} s";
        }
        if (failure is not null)
        {
            await KillAsync(); // also waits for the rest of its output
            throw new RedisServerDidNotStartException($"redis-server on port {Port} {failure}:\n{Output()}");
        }
        var pong = await CommandAsync("PING");
        if (pong != "+PONG") throw new RedisServerDidNotStartException($"redis-server on port {Port} answered PING with '{pong}'");
    }

    private async Task KillAsync()
    {
        if (_process is not { } process) return;
        _process = null;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // It had already gone.
        }
        process.Dispose();
    }

    /// <summary>One command in Redis' wire format and the first line of its answer: enough for PING and SAVE, without a client library in the way.</summary>
    private async Task<string> CommandAsync(string command)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"*1\r\n${command.Length}\r\n{command}\r\n"), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync(timeout.Token) ?? "";
    }

    private string Output()
    {
        lock (_output) return string.Join("\n", _output.TakeLast(20));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private sealed class RedisServerDidNotStartException(string message) : Exception(message);
}
