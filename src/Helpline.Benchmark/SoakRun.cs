using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Helpline.Benchmark;

/// <summary>
/// --soak: the helpline alone under a steady rate for a long time, its resident set (VmRSS) sampled
/// every 10 s. Memory that grows with time at a constant load is a leak; it should stay flat.
/// </summary>
public sealed class SoakRun(BenchmarkOptions options, MachineInfo machine)
{
    public static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);

    public async Task<int> RunAsync(string helplineDll, Func<int, IReadOnlyDictionary<string, string>> environment, string root, string logFolder, CancellationToken ct)
    {
        using var server = BenchmarkRun.StartSigned("helpline", helplineDll, [], environment, root, logFolder, out var sms);
        var startup = await StartupProbe.WaitAsync(server, sms, ct, options.Channel);
        BenchmarkRun.Progress($"helpline: first webhook answered after {startup.FirstWebhook.TotalMilliseconds:0} ms; soak {options.Rate} req/s for {options.Warmup} + {options.Soak} s");

        var generator = new LoadGenerator(options.Concurrency, TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Soak), options.Channel, options.Rate);
        var started = Stopwatch.GetTimestamp();
        var load = generator.RunAsync(sms, server, firstCaller: 1, ct);
        var samples = new List<(double Seconds, long Bytes)>();
        void Sample()
        {
            if (server.ResidentSet() is { } rss)
            {
                var at = Stopwatch.GetElapsedTime(started).TotalSeconds;
                samples.Add((at, rss));
                BenchmarkRun.Progress($"helpline: t = {at:0} s, VmRSS {rss / 1048576.0:0.0} MB");
            }
        }
        Sample();
        var next = SampleEvery;
        while (!load.IsCompleted)
        {
            var wait = next - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero) await Task.WhenAny(load, Task.Delay(wait, ct));
            if (load.IsCompleted) break;
            Sample();
            next += SampleEvery;
        }
        var result = await load;
        var peak = server.PeakWorkingSet();

        Console.Out.Write(Render(result, samples, peak, startup));
        var failed = !result.ServerAlive || result.ErrorRate > BenchmarkRun.MaxErrorRate;
        if (failed) Console.Error.WriteLine($"error: helpline {(result.ServerAlive ? $"failed {result.ErrorRate:P2} of requests" : "exited during the soak")}");
        return failed ? 1 : 0;
    }

    private string Render(LoadResult l, List<(double Seconds, long Bytes)> samples, long? peak, StartupTimes startup)
    {
        var text = new StringBuilder();
        var mb = (long b) => (b / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
        text.Append(CultureInfo.InvariantCulture, $"### Soak: {(options.Channel == "voice" ? "voice" : "SMS")}, store {options.Store}, {options.Rate} req/s ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC)\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Machine: {machine.Cores} cores ({machine.Cpu}), {machine.MemoryGb:0.0} GB, {machine.Os}; .NET SDK {machine.DotnetSdk}, {machine.Runtime}.\n");
        text.Append(CultureInfo.InvariantCulture, $"Load: {options.Rate} req/s paced over {options.Concurrency} workers, distinct callers; {options.Warmup} s warm-up + {options.Soak} s measured. VmRSS sampled every {SampleEvery.TotalSeconds:0} s from the start of the load.\n\n");
        text.Append("| answered | errors | req/s | p50 ms | p99 ms | max ms | server CPU ms/req | server cores | other cores | start to 1st webhook ms |\n|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        text.Append(CultureInfo.InvariantCulture, $"| {l.Answered} | {l.Errors} | {l.Throughput:0} | {l.P50Ms:0.0} | {l.P99Ms:0.0} | {l.MaxMs:0} | {l.ServerCpuMsPerRequest:0.00} | {l.ServerCores:0.00} | {l.OtherCores:0.00} | {startup.FirstWebhook.TotalMilliseconds:0} |\n\n");
        if (samples.Count > 0)
        {
            var half = samples.Where(s => s.Seconds >= samples[^1].Seconds / 2).ToList();
            text.Append(CultureInfo.InvariantCulture,
                $"VmRSS: first {mb(samples[0].Bytes)} MB, last {mb(samples[^1].Bytes)} MB, min {mb(samples.Min(s => s.Bytes))} MB, max {mb(samples.Max(s => s.Bytes))} MB " +
                $"(VmHWM {(peak is { } p ? mb(p) : "?")} MB); slope {Slope(samples):0.00} MB/min over all {samples.Count} samples, {Slope(half):0.00} MB/min over the second half.\n\n");
            text.Append("VmRSS samples (s: MB): ");
            text.Append(string.Join(", ", samples.Select(s => $"{s.Seconds.ToString("0", CultureInfo.InvariantCulture)}: {mb(s.Bytes)}")));
            text.Append("\n\n");
        }
        foreach (var (kind, count) in l.ErrorsByKind.OrderByDescending(e => e.Value)) text.Append(CultureInfo.InvariantCulture, $"- error: {kind} x {count}\n");
        return text.ToString();
    }

    /// <summary>Least-squares slope of RSS over time, in MB a minute.</summary>
    private static double Slope(List<(double Seconds, long Bytes)> samples)
    {
        if (samples.Count < 2) return double.NaN;
        var mx = samples.Average(s => s.Seconds);
        var my = samples.Average(s => s.Bytes / 1048576.0);
        var num = samples.Sum(s => (s.Seconds - mx) * (s.Bytes / 1048576.0 - my));
        var den = samples.Sum(s => (s.Seconds - mx) * (s.Seconds - mx));
        return den == 0 ? double.NaN : num / den * 60;
    }
}
