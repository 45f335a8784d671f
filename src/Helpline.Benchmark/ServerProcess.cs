using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Helpline.Benchmark;

/// <summary>A server under test, run as a child `dotnet` process on a free loopback port.</summary>
/// <remarks>
/// Its stdout and stderr go to files on dedicated threads, not through the thread pool: the load
/// generator keeps the pool busy, and a slow reader would stall the server on its console writes.
/// </remarks>
public sealed class ServerProcess : IDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    static ServerProcess()
    {
        // SIGTERM, a normal exit or an unhandled exception: no server outlives the benchmark.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
    }

    private readonly Process _process;
    private readonly Thread[] _pumps;

    public string Name { get; }
    public int Port { get; }
    public Uri BaseUri { get; }
    public string LogPath { get; }
    public string ErrorLogPath { get; }
    /// <summary>When the process was started (Stopwatch timestamp).</summary>
    public long StartedAt { get; }

    private ServerProcess(string name, int port, Process process, string logPath, string errorLogPath, long startedAt)
    {
        Name = name;
        Port = port;
        BaseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        _process = process;
        LogPath = logPath;
        ErrorLogPath = errorLogPath;
        StartedAt = startedAt;
        _pumps =
        [
            Pump(process.StandardOutput.BaseStream, logPath, name + " stdout"),
            Pump(process.StandardError.BaseStream, errorLogPath, name + " stderr"),
        ];
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts `dotnet <paramref name="assembly"/> [arguments] --urls http://127.0.0.1:port` with only the
    /// given Helpline/Twilio settings (inherited ones are dropped, so the shell cannot change the run).
    /// </summary>
    public static ServerProcess Start(string name, string assembly, IEnumerable<string> arguments,
        Func<int, IReadOnlyDictionary<string, string>> environmentForPort, string workingDirectory, string logFolder)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

        foreach (var inherited in start.Environment.Keys.ToList())
        {
            if (inherited.StartsWith("Helpline__", StringComparison.OrdinalIgnoreCase)
                || inherited.StartsWith("Twilio__", StringComparison.OrdinalIgnoreCase)
                || inherited.Equals("ASPNETCORE_URLS", StringComparison.OrdinalIgnoreCase)
                || inherited.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(inherited);
            }
        }
        foreach (var (key, value) in environmentForPort(port)) start.Environment[key] = value;

        var logPath = Path.Combine(logFolder, name + ".log");
        var errorLogPath = Path.Combine(logFolder, name + ".stderr.log");
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new ServerFailedException(name, "could not start `dotnet`", "");
        Running[process.Id] = process;
        return new ServerProcess(name, port, process, logPath, errorLogPath, startedAt);
    }

    /// <summary>The current resident set (VmRSS), in bytes; null if the process is gone.</summary>
    public long? ResidentSet()
    {
        try
        {
            var status = $"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status";
            if (!File.Exists(status)) return null;
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return long.TryParse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The peak resident set (VmHWM), in bytes; null if the process is gone.</summary>
    public long? PeakWorkingSet()
    {
        try
        {
            var status = $"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status";
            if (File.Exists(status))
            {
                var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                if (long.TryParse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture, out var kb)) return kb * 1024;
            }
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>CPU time (user + system) the server has used so far.</summary>
    public TimeSpan CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>The last lines the server wrote, for a failure message.</summary>
    public string LogTail(int lines = 30)
    {
        var tail = new List<string>();
        foreach (var path in new[] { LogPath, ErrorLogPath })
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                tail.AddRange(all.TakeLast(lines));
            }
            catch (IOException)
            {
                // Nothing written yet.
            }
        }
        return string.Join('\n', tail);
    }

    public void Dispose()
    {
        Kill(_process);
        Running.TryRemove(_process.Id, out _);
        foreach (var pump in _pumps) pump.Join(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private static void KillAll()
    {
        foreach (var process in Running.Values) Kill(process);
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static Thread Pump(Stream source, string path, string name)
    {
        var thread = new Thread(() =>
        {
            using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1);
            var buffer = new byte[64 * 1024];
            try
            {
                int read;
                while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
                {
                    target.Write(buffer, 0, read);
                }
            }
            catch (IOException)
            {
                // The process was killed mid-write.
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return thread;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A server that did not start, died, or did not answer its first webhook.</summary>
public sealed class ServerFailedException(string server, string reason, string logTail)
    : Exception($"{server}: {reason}")
{
    public string Server { get; } = server;
    public string LogTail { get; } = logTail;
}
