using System.Globalization;
using System.Text;

namespace Helpline.Benchmark;

/// <summary>The run's figures as Markdown, ready to paste into docs/performance.md.</summary>
public sealed class MarkdownReport(BenchmarkOptions options, MachineInfo machine, DateTimeOffset when,
    Measurement helpline, Measurement minimal, HelplineLog log)
{
    public const double TargetRatio = 0.5;

    public double Ratio => helpline.Load.Throughput / minimal.Load.Throughput;

    public string Render()
    {
        var text = new StringBuilder();
        Line(text, $"### {(options.Channel == "voice" ? "Voice" : "SMS")} webhook, store {options.Store}, {options.Concurrency} workers ({when:yyyy-MM-dd HH:mm} UTC)");
        Line(text);
        Line(text, $"Machine: {machine.Cores} cores ({machine.Cpu}), {machine.MemoryGb:0.0} GB, {machine.Os}; .NET SDK {machine.DotnetSdk}, {machine.Runtime}.");
        Line(text, options.Channel == "voice"
            ? $"Load: {options.Concurrency} workers, each one request at a time, distinct callers each placing a call and pressing keys " +
              $"({CallerScripts.Calls.Count} key sequences, up to {CallerScripts.MeanCallLength:0.0} requests a call, each to the last TwiML's action URL); " +
              $"{options.Warmup} s warm-up, {options.Seconds} s measured."
            : $"Load: {options.Concurrency} workers, each one request at a time, distinct callers walking the menus " +
              $"({CallerScripts.All.Count} scripts, {CallerScripts.MeanLength:0.0} messages each, {CallerScripts.Languages} languages); " +
              $"{options.Warmup} s warm-up, {options.Seconds} s measured.");
        Line(text);
        Line(text, "| server | answered | errors | req/s | p50 ms | p90 ms | p99 ms | max ms | server CPU ms/req | server cores | generator cores | other cores | peak WS MB | start to /healthz ms | start to 1st webhook ms |");
        Line(text, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        Row(text, $"helpline ({options.Store})", helpline);
        Row(text, "minimal", minimal);
        Line(text);
        var verdict = options.Store == "Sqlite" && options.Channel == "sms" ? (Ratio >= TargetRatio ? " (target ≥ 0.5: met)" : " (target ≥ 0.5: **not met**)") : "";
        Line(text, $"Helpline/minimal throughput: **{Ratio:0.00}**{verdict}.");
        Line(text);
        var outcomes = string.Join(", ", log.Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"));
        Line(text, $"Helpline log: {log.Turns} turns ({outcomes}); {log.Warnings} warnings, {log.Errors} errors; " +
                   $"time inside the handler p50 {log.TurnP50Ms:0.00} ms, p99 {log.TurnP99Ms:0.00} ms.");
        foreach (var problem in log.FirstProblems) Line(text, $"- {problem}");
        foreach (var m in new[] { helpline, minimal })
        {
            foreach (var (kind, count) in m.Load.ErrorsByKind.OrderByDescending(e => e.Value)) Line(text, $"- {m.Name} error: {kind} x {count}");
        }
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, Measurement m)
    {
        var l = m.Load;
        var peak = m.PeakWorkingSet is { } bytes ? F(bytes / (1024.0 * 1024), "0") : "?";
        Line(text, $"| {name} | {l.Answered} | {l.Errors} | {F(l.Throughput, "0")} | {F(l.P50Ms, "0.0")} | {F(l.P90Ms, "0.0")} | {F(l.P99Ms, "0.0")} | {F(l.MaxMs, "0")} " +
                   $"| {F(l.ServerCpuMsPerRequest, "0.00")} | {F(l.ServerCores, "0.00")} | {F(l.GeneratorCores, "0.00")} | {F(l.OtherCores, "0.00")} | {peak} " +
                   $"| {F(m.Startup.Healthy.TotalMilliseconds, "0")} | {F(m.Startup.FirstWebhook.TotalMilliseconds, "0")} |");
    }

    private static string F(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
