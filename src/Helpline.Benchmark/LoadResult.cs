using System.Diagnostics;

namespace Helpline.Benchmark;

/// <summary>What the measured window saw: answered requests, their latencies, and the errors.</summary>
public sealed record LoadResult(
    int Answered,
    int Errors,
    IReadOnlyDictionary<string, int> ErrorsByKind,
    TimeSpan Window,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double MeanMs,
    TimeSpan ServerCpu,
    TimeSpan GeneratorCpu,
    TimeSpan? MachineCpu,
    bool ServerAlive)
{
    public double Throughput => Answered / Window.TotalSeconds;

    public double ErrorRate => Answered + Errors == 0 ? 1 : (double)Errors / (Answered + Errors);

    /// <summary>Server CPU time per answered request, in milliseconds: the cost that does not depend on sharing cores.</summary>
    public double ServerCpuMsPerRequest => Answered == 0 ? double.NaN : ServerCpu.TotalMilliseconds / Answered;

    /// <summary>Share of the machine's cores the server and the load generator used during the window.</summary>
    public double ServerCores => ServerCpu / Window;
    public double GeneratorCores => GeneratorCpu / Window;

    /// <summary>Cores busy with anything else (other processes, the kernel's own work); NaN where unknown.</summary>
    public double OtherCores => MachineCpu is { } machine ? Math.Max(0, (machine - ServerCpu - GeneratorCpu) / Window) : double.NaN;

    public static LoadResult From(IEnumerable<WorkerSamples> workers, long windowStart, long windowEnd, TimeSpan serverCpu, TimeSpan generatorCpu,
        TimeSpan? machineCpu, bool serverAlive)
    {
        var latencies = new List<long>();
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            for (var i = 0; i < worker.Ticks.Count; i++)
            {
                if (worker.CompletedAt[i] >= windowStart && worker.CompletedAt[i] <= windowEnd) latencies.Add(worker.Ticks[i]);
            }
            foreach (var (completedAt, error) in worker.Errors)
            {
                if (completedAt >= windowStart && completedAt <= windowEnd) errors[error] = errors.GetValueOrDefault(error) + 1;
            }
        }

        latencies.Sort();
        return new LoadResult(
            latencies.Count,
            errors.Values.Sum(),
            errors,
            Stopwatch.GetElapsedTime(windowStart, windowEnd),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.90),
            Percentile(latencies, 0.99),
            latencies.Count == 0 ? double.NaN : Milliseconds(latencies[^1]),
            latencies.Count == 0 ? double.NaN : Milliseconds((long)latencies.Average()),
            serverCpu,
            generatorCpu,
            machineCpu,
            serverAlive);
    }

    /// <summary>Nearest rank: the smallest latency with at least <paramref name="p"/> of them at or below it.</summary>
    private static double Percentile(List<long> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return Milliseconds(sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)]);
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
