using System.Security.Cryptography;
using System.Text.Json;

namespace Helpline.Benchmark;

/// <summary>One run: the helpline, then the minimal endpoint, each started, loaded and stopped in turn.</summary>
public sealed class BenchmarkRun(BenchmarkOptions options)
{
    /// <summary>Above this share of failed requests the run fails: its figures would not mean much.</summary>
    public const double MaxErrorRate = 0.01;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var root = FindRepositoryRoot();
        var helplineDll = Path.Combine(root, "src", "Helpline.Web", "bin", "Release", "net10.0", "Helpline.Web.dll");
        if (!File.Exists(helplineDll))
        {
            Console.Error.WriteLine($"error: {helplineDll} not found. Build it first: dotnet build -c Release src/Helpline.Web");
            return 1;
        }

        var work = Directory.CreateTempSubdirectory("helpline-bench-");
        var keepWork = false;
        try
        {
            var machine = await MachineInfo.ReadAsync(root, ct);
            Progress($"machine: {machine.Cores} cores, {machine.Cpu}; .NET SDK {machine.DotnetSdk}; logs in {work.FullName}");
            using var redis = options.Store == "Redis" ? await RedisChild.StartAsync(work.FullName, ct) : null;
            if (redis is not null)
            {
                _redis = redis.ConnectionString;
                Progress($"redis-server: {redis.ConnectionString}");
            }
            if (options.Soak > 0)
            {
                var soak = await new SoakRun(options, machine).RunAsync(
                    helplineDll, port => HelplineEnvironment(port, root, work.FullName), root, work.FullName, ct);
                keepWork = soak != 0;
                return soak;
            }
            if (options.Flood > 0)
            {
                var flood = await new FloodRun(options, machine).RunAsync(
                    helplineDll, port => HelplineEnvironment(port, root, work.FullName), root, work.FullName, ct);
                keepWork = flood != 0;
                return flood;
            }
            if (options.Conversations > 0)
            {
                var stored = await new ConversationsRun(options, machine, redis).RunAsync(
                    helplineDll, port => HelplineEnvironment(port, root, work.FullName), DataFolder(work.FullName), root, work.FullName, ct);
                keepWork = stored != 0;
                return stored;
            }
            var generator = new LoadGenerator(options.Concurrency, TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Seconds), options.Channel);

            var helpline = await MeasureAsync("helpline", helplineDll, [], port => HelplineEnvironment(port, root, work.FullName), root, work.FullName, generator, ct);
            var log = HelplineLog.Read(helpline.LogPath);
            var minimal = await MeasureAsync("minimal", typeof(MinimalServer).Assembly.Location, [MinimalServer.Switch],
                _ => MinimalEnvironment(helplineDll), root, work.FullName, generator, ct);

            var report = new MarkdownReport(options, machine, DateTimeOffset.UtcNow, helpline, minimal, log);
            Console.Out.Write(report.Render());

            var failed = new[] { helpline, minimal }.Where(m => !m.Load.ServerAlive || m.Load.ErrorRate > MaxErrorRate).ToList();
            foreach (var m in failed)
            {
                Console.Error.WriteLine(m.Load.ServerAlive
                    ? $"error: {m.Name}: {m.Load.ErrorRate:P2} of requests failed (more than {MaxErrorRate:P0})"
                    : $"error: {m.Name} exited during the run");
            }
            keepWork = failed.Count > 0;
            return failed.Count > 0 ? 1 : 0;
        }
        catch (ServerFailedException e)
        {
            keepWork = true;
            Console.Error.WriteLine($"error: {e.Message}");
            if (e.LogTail.Length > 0) Console.Error.WriteLine($"last lines of its log:\n{e.LogTail}");
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
        finally
        {
            if (keepWork) Console.Error.WriteLine($"logs kept in {work.FullName}");
            else TryDelete(work);
        }
    }

    private async Task<Measurement> MeasureAsync(string name, string assembly, string[] arguments,
        Func<int, IReadOnlyDictionary<string, string>> environment, string root, string logFolder, LoadGenerator generator, CancellationToken ct)
    {
        using var server = StartSigned(name, assembly, arguments, environment, root, logFolder, out var sms);
        var startup = await StartupProbe.WaitAsync(server, sms, ct, options.Channel);
        Progress($"{name}: /healthz after {startup.Healthy.TotalMilliseconds:0} ms, first webhook answered after {startup.FirstWebhook.TotalMilliseconds:0} ms");

        Progress($"{name}: {options.Concurrency} workers, {options.Warmup} s warm-up + {options.Seconds} s measured");
        var load = await generator.RunAsync(sms, server, firstCaller: 1, ct);
        var peak = server.PeakWorkingSet();
        Progress($"{name}: {load.Throughput:0} req/s, p50 {load.P50Ms:0.0} ms, p99 {load.P99Ms:0.0} ms, {load.Errors} errors");
        return new Measurement(name, startup, load, peak, server.LogPath);
    }

    private string? _redis;

    private string DataFolder(string work) => Path.Combine(work, "data-" + options.Store.ToLowerInvariant());

    private IReadOnlyDictionary<string, string> HelplineEnvironment(int port, string root, string work)
    {
        var environment = HelplineSettings(port, root, work);
        if (_redis is not null) environment["ConnectionStrings__Redis"] = _redis;
        return environment;
    }

    private Dictionary<string, string> HelplineSettings(int port, string root, string work) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Helpline__CallerKeySecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Helpline__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
        ["Helpline__ContentRoot"] = root,
        ["Helpline__DataFolder"] = Directory.CreateDirectory(DataFolder(work)).FullName,
        ["Helpline__Store__Provider"] = options.Store,
        // The per-caller flood limit (20 a minute) would otherwise answer the load with empty replies.
        ["Helpline__MessagesPerMinute"] = "1000000",
        // The SMS webhook never calls Twilio's API; should anything try, it stays on this machine.
        ["Twilio__ApiBaseUrl"] = "http://127.0.0.1:9",
    };

    /// <summary>The minimal endpoint runs with the helpline's GC settings (the Web SDK turns server GC on), so only the work differs.</summary>
    private static IReadOnlyDictionary<string, string> MinimalEnvironment(string helplineDll)
    {
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        var runtimeConfig = Path.ChangeExtension(helplineDll, ".runtimeconfig.json");
        if (!File.Exists(runtimeConfig)) return environment;
        using var document = JsonDocument.Parse(File.ReadAllText(runtimeConfig));
        if (!document.RootElement.TryGetProperty("runtimeOptions", out var runtime) || !runtime.TryGetProperty("configProperties", out var properties))
            return environment;
        if (properties.TryGetProperty("System.GC.Server", out var server) && server.ValueKind is JsonValueKind.True or JsonValueKind.False)
            environment["DOTNET_gcServer"] = server.GetBoolean() ? "1" : "0";
        if (properties.TryGetProperty("System.GC.Concurrent", out var concurrent) && concurrent.ValueKind is JsonValueKind.True or JsonValueKind.False)
            environment["DOTNET_gcConcurrent"] = concurrent.GetBoolean() ? "1" : "0";
        return environment;
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Helpline.sln"))) return folder.FullName;
            }
        }
        throw new InvalidOperationException("Helpline.sln not found above the benchmark or the current folder");
    }

    private static void TryDelete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned by the system eventually.
        }
    }

    internal static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>A fresh auth token and account per server: nothing from a real account is ever used.</summary>
    /// <summary>Starts a server with a fresh auth token and account, and the signer for its webhooks.</summary>
    internal static ServerProcess StartSigned(string name, string assembly, IEnumerable<string> arguments,
        Func<int, IReadOnlyDictionary<string, string>> environment, string root, string logFolder, out SignedSms sms)
    {
        var secrets = Secrets.Create();
        var server = ServerProcess.Start(name, assembly, arguments,
            port => new Dictionary<string, string>(environment(port)) { ["Twilio__AuthToken"] = secrets.AuthToken, ["Twilio__AccountSid"] = secrets.AccountSid },
            root, logFolder);
        sms = new SignedSms(server.BaseUri, secrets.AuthToken, secrets.AccountSid);
        Progress($"{name}: started (pid {server.Id}, {server.BaseUri})");
        return server;
    }

    internal sealed record Secrets(string AuthToken, string AccountSid)
    {
        public static Secrets Create() => new(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            "ACbench" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(14))[..27]);
    }
}

/// <summary>One server's figures.</summary>
public sealed record Measurement(string Name, StartupTimes Startup, LoadResult Load, long? PeakWorkingSet, string LogPath);
