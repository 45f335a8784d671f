using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Helpline.Web.Hosting;

/// <summary>
/// Production's console: Serilog hands over the lines that have queued up, and they leave in one
/// write. A line per write would cost a system call and a thread wake-up per turn, which under load
/// was a large share of the helpline's own time.
/// </summary>
public sealed class BatchedConsoleSink(ITextFormatter formatter, Stream output) : IBatchedLogEventSink, IDisposable
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024) { AutoFlush = false };

    /// <summary>Called by Serilog for one batch at a time, never concurrently.</summary>
    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch) formatter.Format(logEvent, _writer);
        _writer.Flush();
        return Task.CompletedTask;
    }

    public void Dispose() => _writer.Dispose();
}
