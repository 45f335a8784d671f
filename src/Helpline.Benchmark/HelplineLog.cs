using System.Text.Json;

namespace Helpline.Benchmark;

/// <summary>
/// What the helpline's own log (compact JSON, one event per turn) says about the run. A turn that
/// failed still answers 200 with an apology, so the status code alone cannot show it; the log can.
/// </summary>
public sealed record HelplineLog(int Turns, IReadOnlyDictionary<string, int> Outcomes, int Warnings, int Errors,
    double TurnP50Ms, double TurnP99Ms, IReadOnlyList<string> FirstProblems)
{
    public static HelplineLog Read(string path)
    {
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var durations = new List<double>();
        var problems = new List<string>();
        int warnings = 0, errors = 0;
        if (!File.Exists(path)) return new HelplineLog(0, outcomes, 0, 0, double.NaN, double.NaN, problems);

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith('{')) continue;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                continue; // a line cut off when the process was killed
            }
            using (document)
            {
                var root = document.RootElement;
                var level = root.TryGetProperty("@l", out var l) ? l.GetString() : "Information";
                if (level is "Warning") warnings++;
                if (level is "Error" or "Fatal") errors++;
                if (level is "Warning" or "Error" or "Fatal" && problems.Count < 5)
                    problems.Add($"{level}: {(root.TryGetProperty("@mt", out var mt) ? mt.GetString() : "?")}");
                if (root.TryGetProperty("@mt", out var template) && template.GetString()?.StartsWith("Turn ", StringComparison.Ordinal) == true)
                {
                    var outcome = root.TryGetProperty("Outcome", out var o) ? o.GetString() ?? "" : "";
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                    if (root.TryGetProperty("DurationMs", out var d) && d.ValueKind == JsonValueKind.Number) durations.Add(d.GetDouble());
                }
            }
        }

        durations.Sort();
        return new HelplineLog(outcomes.Values.Sum(), outcomes, warnings, errors,
            Percentile(durations, 0.50), Percentile(durations, 0.99), problems);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
