using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Helpline.Benchmark;

/// <summary>
/// --flood: the attack that once took the helpline to 1.7 GB: many concurrent forged 29 MB posts to the
/// webhooks, on loopback, bounded in time. Three kinds in turn: no signature; a (wrong) signature with a
/// Content-Length over the limit; a wrong signature with a chunked body (no length announced). The
/// helpline's resident set (VmRSS) is sampled every second, against its idle figure before the flood.
/// </summary>
public sealed class FloodRun(BenchmarkOptions options, MachineInfo machine)
{
    /// <summary>Just under Kestrel's default 30 MB limit, as in the attack.</summary>
    public const int BodyBytes = 29 * 1024 * 1024;

    private static readonly byte[] Chunk = Encoding.ASCII.GetBytes("From=%2B15555550100&Body=" + new string('a', 64 * 1024 - 25));

    public async Task<int> RunAsync(string helplineDll, Func<int, IReadOnlyDictionary<string, string>> environment, string root, string logFolder, CancellationToken ct)
    {
        using var server = BenchmarkRun.StartSigned("helpline", helplineDll, [], environment, root, logFolder, out var sms);
        await StartupProbe.WaitAsync(server, sms, ct, "sms");
        // Idle: after start-up and one answered webhook, settled for two seconds.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var idle = server.ResidentSet() ?? 0;
        BenchmarkRun.Progress($"helpline: idle VmRSS {Mb(idle)} MB; flood {options.Flood} s per kind, {options.Concurrency} workers");

        var rows = new List<string>();
        foreach (var (kind, signature, chunked) in new[] { ("no signature", (string?)null, false), ("wrong signature, Content-Length 29 MB", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", false), ("wrong signature, chunked 29 MB", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", true) })
        {
            var (statuses, sent, peak, seconds) = await FloodAsync(server, sms.Url, signature, chunked, ct);
            var answered = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x {s.Value}"));
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {sent} | {sent / seconds:0} | {answered} | {Mb(peak)} | +{Mb(peak - idle)} |"));
            BenchmarkRun.Progress($"helpline: {kind}: {sent} posts, max VmRSS {Mb(peak)} MB (+{Mb(peak - idle)})");
        }
        var alive = !server.HasExited;

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### Flood of forged 29 MB posts, store {options.Store} ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC)\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Machine: {machine.Cores} cores ({machine.Cpu}), {machine.MemoryGb:0.0} GB, {machine.Os}; .NET SDK {machine.DotnetSdk}, {machine.Runtime}.\n");
        text.Append(CultureInfo.InvariantCulture, $"{options.Concurrency} workers, {options.Flood} s per kind, on loopback; idle VmRSS {Mb(idle)} MB; VmRSS sampled every second.\n\n");
        text.Append("| kind | posts | posts/s | answers | max VmRSS MB | over idle MB |\n|---|--:|--:|---|--:|--:|\n");
        foreach (var row in rows) text.Append(row).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"\nhelpline {(alive ? "still running" : "EXITED")}; VmHWM {Mb(server.PeakWorkingSet() ?? 0)} MB.\n");
        Console.Out.Write(text.ToString());
        return alive ? 0 : 1;
    }

    private async Task<(Dictionary<int, int> Statuses, int Sent, long Peak, double Seconds)> FloodAsync(ServerProcess server, Uri url, string? signature, bool chunked, CancellationToken ct)
    {
        var statuses = new Dictionary<int, int>();
        var sent = 0;
        var peak = 0L;
        var started = Stopwatch.GetTimestamp();
        var until = TimeSpan.FromSeconds(options.Flood);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(until + TimeSpan.FromSeconds(10)); // a hung request cannot keep the run going

        async Task Worker()
        {
            using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(20) };
            while (Stopwatch.GetElapsedTime(started) < until && !stop.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new BigForm(chunked) };
                request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
                if (signature is not null) request.Headers.TryAddWithoutValidation("X-Twilio-Signature", signature);
                int status;
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                    status = (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                {
                    status = 0; // the server closed the connection rather than read 29 MB: what it should do
                }
                lock (statuses)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    sent++;
                }
            }
        }

        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(Worker, ct)).ToList();
        var all = Task.WhenAll(workers);
        while (!all.IsCompleted)
        {
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(1), ct));
            if (server.ResidentSet() is { } rss) peak = Math.Max(peak, rss);
        }
        await all;
        return (statuses, sent, peak, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A 29 MB form written from one shared 64 KB chunk: the load generator itself stays small.</summary>
    private sealed class BigForm(bool chunked) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var written = 0; written < BodyBytes; written += Chunk.Length)
                await stream.WriteAsync(Chunk.AsMemory(0, Math.Min(Chunk.Length, BodyBytes - written)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = BodyBytes;
            return !chunked;
        }
    }
}
