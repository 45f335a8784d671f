using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Helpline.Benchmark;

/// <summary>
/// A redis-server of the benchmark's own for --store Redis: a child process on a free loopback port,
/// no persistence, killed at the end (as tests/Helpline.Web.Tests/Support/RedisServer.cs does).
/// </summary>
public sealed class RedisChild : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    private RedisChild(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        _folder = folder;
    }

    public static async Task<RedisChild> StartAsync(string workFolder, CancellationToken ct)
    {
        var folder = Directory.CreateDirectory(Path.Combine(workFolder, "redis")).FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", folder })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new ServerFailedException("redis", "could not start redis-server", "");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new RedisChild(process, port, folder);
        var until = Stopwatch.GetTimestamp() + 20 * Stopwatch.Frequency;
        while (true)
        {
            if (process.HasExited)
            {
                redis.Dispose();
                throw new ServerFailedException("redis", $"redis-server on port {port} exited", "");
            }
            try
            {
                if ((await redis.CommandAsync(ct, "PING")).StartsWith("+PONG", StringComparison.Ordinal)) return redis;
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            if (Stopwatch.GetTimestamp() > until)
            {
                redis.Dispose();
                throw new ServerFailedException("redis", $"redis-server on port {port} did not answer PING within 20 s", "");
            }
            await Task.Delay(50, ct);
        }
    }

    /// <summary>used_memory from INFO memory, in bytes.</summary>
    public async Task<long> UsedMemoryAsync(CancellationToken ct)
    {
        var info = await CommandAsync(ct, "INFO", "memory");
        foreach (var line in info.Split("\r\n"))
        {
            if (line.StartsWith("used_memory:", StringComparison.Ordinal))
                return long.Parse(line["used_memory:".Length..], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException("INFO memory without used_memory");
    }

    public async Task<long> KeyCountAsync(CancellationToken ct)
    {
        var answer = await CommandAsync(ct, "DBSIZE");
        return long.Parse(answer.TrimStart(':').Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>One command in RESP; the answer's text (a bulk string's contents, or the status/integer line).</summary>
    private async Task<string> CommandAsync(CancellationToken ct, params string[] parts)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
        var stream = client.GetStream();
        var command = new StringBuilder($"*{parts.Length}\r\n");
        foreach (var part in parts) command.Append($"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(command.ToString()), timeout.Token);
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0) break;
            received.Write(buffer, 0, read);
            var text = Encoding.UTF8.GetString(received.ToArray());
            var firstLine = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (firstLine < 0) continue;
            if (text[0] != '$') return text[..firstLine];
            var length = int.Parse(text.AsSpan(1, firstLine - 1), CultureInfo.InvariantCulture);
            if (received.Length >= firstLine + 2 + length) return text.Substring(firstLine + 2, length);
        }
        return Encoding.UTF8.GetString(received.ToArray());
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
