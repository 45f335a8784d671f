using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Helpline.Benchmark;

/// <summary>
/// --conversations n: n distinct texters each send "hola" once, then what the store holds per
/// conversation: the SQLite files (database + WAL) or Redis' used_memory, and the helpline's RSS.
/// </summary>
public sealed class ConversationsRun(BenchmarkOptions options, MachineInfo machine, RedisChild? redis)
{
    private const long FirstCaller = 1_000_000;

    public async Task<int> RunAsync(string helplineDll, Func<int, IReadOnlyDictionary<string, string>> environment, string dataFolder,
        string root, string logFolder, CancellationToken ct)
    {
        using var server = BenchmarkRun.StartSigned("helpline", helplineDll, [], environment, root, logFolder, out var sms);
        var startup = await StartupProbe.WaitAsync(server, sms, ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var before = await SnapshotAsync(server, dataFolder, ct);
        BenchmarkRun.Progress($"helpline: before: {before}");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseProxy = false, UseCookies = false };
        using var client = new HttpClient(handler) { Timeout = LoadGenerator.RequestTimeout };
        long next = 0, answered = 0, failed = 0, segments = 0;
        var clock = Stopwatch.StartNew();
        async Task WorkerAsync()
        {
            while (true)
            {
                var n = Interlocked.Increment(ref next);
                if (n > options.Conversations || server.HasExited) return;
                try
                {
                    using var request = sms.Create(SignedSms.FictionalNumber(FirstCaller + n), "hola");
                    using var response = await client.SendAsync(request, CancellationToken.None);
                    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    if (response.StatusCode == HttpStatusCode.OK && body.Contains("<Message>", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref answered);
                        // What the texter pays, counted as the validator and the content report count it.
                        var sent = System.Xml.Linq.XElement.Parse(body).Element("Message")?.Value ?? "";
                        Interlocked.Add(ref segments, Helpline.Core.Text.SmsCost.Of(sent).Segments);
                    }
                    else Interlocked.Increment(ref failed);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref failed);
                }
                if (n % 10_000 == 0) BenchmarkRun.Progress($"helpline: {n} conversations sent ({clock.Elapsed.TotalSeconds:0} s)");
            }
        }
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(WorkerAsync, ct)));
        var elapsed = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var after = await SnapshotAsync(server, dataFolder, ct);
        BenchmarkRun.Progress($"helpline: after: {after}");

        Console.Out.Write(Render(before, after, answered, failed, elapsed, startup, segments));
        var bad = server.HasExited || failed > options.Conversations * BenchmarkRun.MaxErrorRate;
        if (bad) Console.Error.WriteLine($"error: {failed} of {options.Conversations} conversations failed, or the helpline exited");
        return bad ? 1 : 0;
    }

    private sealed record Snapshot(long? Rss, long DatabaseBytes, long WalBytes, long? RedisUsedMemory, long? RedisKeys)
    {
        public override string ToString() =>
            $"RSS {Mb(Rss)} MB, SQLite files {DatabaseBytes} + WAL {WalBytes} bytes, Redis used_memory {RedisUsedMemory?.ToString(CultureInfo.InvariantCulture) ?? "-"}, keys {RedisKeys?.ToString(CultureInfo.InvariantCulture) ?? "-"}";
    }

    private async Task<Snapshot> SnapshotAsync(ServerProcess server, string dataFolder, CancellationToken ct)
    {
        long database = 0, wal = 0;
        if (Directory.Exists(dataFolder))
        {
            foreach (var file in new DirectoryInfo(dataFolder).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                if (file.Name.EndsWith("-wal", StringComparison.Ordinal)) wal += file.Length;
                else if (!file.Name.EndsWith("-shm", StringComparison.Ordinal)) database += file.Length;
            }
        }
        long? used = redis is null ? null : await redis.UsedMemoryAsync(ct);
        long? keys = redis is null ? null : await redis.KeyCountAsync(ct);
        return new Snapshot(server.ResidentSet(), database, wal, used, keys);
    }

    private string Render(Snapshot before, Snapshot after, long answered, long failed, TimeSpan elapsed, StartupTimes startup, long segments)
    {
        var n = (double)options.Conversations;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### Memory per stored conversation: store {options.Store}, {options.Conversations} conversations ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC)\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Machine: {machine.Cores} cores ({machine.Cpu}), {machine.MemoryGb:0.0} GB, {machine.Os}; .NET SDK {machine.DotnetSdk}, {machine.Runtime}.\n");
        text.Append(CultureInfo.InvariantCulture, $"Load: {options.Conversations} distinct texters, one \"hola\" each, {options.Concurrency} workers; {answered} answered, {failed} failed, in {elapsed.TotalSeconds:0} s ({answered / elapsed.TotalSeconds:0} req/s). Measured 2 s before and 5 s after. " +
            $"Each reply cost {(answered == 0 ? 0 : (double)segments / answered):0.0} SMS segments as sent (SmsCost, the validator's measure).\n\n");
        text.Append("| | before | after | per conversation |\n|---|--:|--:|--:|\n");
        if (redis is null)
        {
            text.Append(CultureInfo.InvariantCulture, $"| SQLite database file(s), bytes | {before.DatabaseBytes} | {after.DatabaseBytes} | {(after.DatabaseBytes - before.DatabaseBytes) / n:0} |\n");
            text.Append(CultureInfo.InvariantCulture, $"| SQLite -wal, bytes | {before.WalBytes} | {after.WalBytes} | {(after.WalBytes - before.WalBytes) / n:0} |\n");
            var b = before.DatabaseBytes + before.WalBytes;
            var a = after.DatabaseBytes + after.WalBytes;
            text.Append(CultureInfo.InvariantCulture, $"| **database + WAL, bytes** | {b} | {a} | **{(a - b) / n:0}** (whole size / n: {a / n:0}) |\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"| **Redis used_memory, bytes** | {before.RedisUsedMemory} | {after.RedisUsedMemory} | **{(after.RedisUsedMemory - before.RedisUsedMemory) / n:0}** |\n");
            text.Append(CultureInfo.InvariantCulture, $"| Redis keys (DBSIZE) | {before.RedisKeys} | {after.RedisKeys} | {(after.RedisKeys - before.RedisKeys) / n:0.00} |\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"| helpline VmRSS, MB | {Mb(before.Rss)} | {Mb(after.Rss)} | {((after.Rss ?? 0) - (before.Rss ?? 0)) / n:0} bytes |\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Start to 1st webhook: {startup.FirstWebhook.TotalMilliseconds:0} ms.\n");
        return text.ToString();
    }

    private static string Mb(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) : "?";
}
