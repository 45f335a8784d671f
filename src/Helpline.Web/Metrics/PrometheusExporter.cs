using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Helpline.Web.Metrics;

/// <summary>
/// Listens to the helpline's own meter (and no other) and writes what it heard in Prometheus' text
/// format. Counters and histograms only: that is all <see cref="HelplineMetrics"/> creates.
/// Names follow OpenTelemetry's Prometheus rules ("helpline.turns" is helpline_turns_total, a histogram
/// in seconds gets _seconds), so a switch to the OpenTelemetry exporter later keeps every dashboard.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Family> _families = new();

    public PrometheusExporter(HelplineMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter != metrics.Meter || Family.For(instrument) is not { } family) return;
            _families[instrument] = family;
            listener.EnableMeasurementEvents(instrument, family);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, family) => ((Family)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, family) => ((Family)family!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Every series heard so far; a metric with none yet still gets its HELP and TYPE, so dashboards can find it.</summary>
    public string Scrape()
    {
        var text = new StringBuilder();
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal)) family.Write(text);
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>One metric: its series by label set.</summary>
    private sealed class Family
    {
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);
        private readonly string _description;
        private readonly double[]? _bounds;

        private Family(string name, string description, double[]? bounds)
        {
            Name = name;
            _description = description;
            _bounds = bounds;
        }

        public string Name { get; }

        public static Family? For(Instrument instrument)
        {
            var name = instrument.Name.Replace('.', '_');
            return instrument switch
            {
                Counter<long> => new Family(name + "_total", instrument.Description ?? "", null),
                Histogram<double> histogram => new Family(
                    name + (instrument.Unit == "s" ? "_seconds" : ""),
                    instrument.Description ?? "",
                    [.. histogram.Advice?.HistogramBucketBoundaries ?? HelplineMetrics.DurationBuckets]),
                _ => null,
            };
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var series = _series.GetOrAdd(Labels(tags), _ => new Series(_bounds is null ? 0 : _bounds.Length + 1));
            lock (series)
            {
                series.Count++;
                series.Sum += value;
                if (_bounds is not null)
                {
                    var bucket = Array.FindIndex(_bounds, bound => value <= bound);
                    series.Buckets[bucket < 0 ? _bounds.Length : bucket]++;
                }
            }
        }

        public void Write(StringBuilder text)
        {
            text.Append("# HELP ").Append(Name).Append(' ').Append(EscapeHelp(_description)).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(_bounds is null ? " counter\n" : " histogram\n");
            foreach (var (labels, series) in _series.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                lock (series)
                {
                    if (_bounds is null)
                    {
                        Sample(text, Name, labels, series.Sum);
                        continue;
                    }
                    long cumulative = 0;
                    for (var i = 0; i <= _bounds.Length; i++)
                    {
                        cumulative += series.Buckets[i];
                        var le = i < _bounds.Length ? Number(_bounds[i]) : "+Inf";
                        Sample(text, Name + "_bucket", Join(labels, $"le=\"{le}\""), cumulative);
                    }
                    Sample(text, Name + "_sum", labels, series.Sum);
                    Sample(text, Name + "_count", labels, series.Count);
                }
            }
        }

        private static void Sample(StringBuilder text, string name, string labels, double value)
        {
            text.Append(name);
            if (labels.Length > 0) text.Append('{').Append(labels).Append('}');
            text.Append(' ').Append(Number(value)).Append('\n');
        }

        /// <summary>Labels sorted by name, so the same set is one series whatever order the tags came in.</summary>
        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var pairs = tags.ToArray();
            Array.Sort(pairs, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return string.Join(",", pairs.Select(p => $"{p.Key}=\"{EscapeLabel(Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "")}\""));
        }

        private static string Join(string labels, string more) => labels.Length == 0 ? more : labels + "," + more;

        private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

        private static string EscapeLabel(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

        private static string EscapeHelp(string value) => value.Replace("\\", "\\\\").Replace("\n", "\\n");
    }

    private sealed class Series(int buckets)
    {
        public long Count;
        public double Sum;
        public readonly long[] Buckets = new long[buckets];
    }
}
