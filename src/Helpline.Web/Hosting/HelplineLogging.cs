using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Helpline.Web.Hosting;

public static class HelplineLogging
{
    /// <summary>
    /// Serilog: compact JSON on the console in production, readable text in Development. The framework's
    /// own request logs are quieted; the helpline logs one event per turn, without numbers or messages.
    /// </summary>
    public static void Configure(LoggerConfiguration logger, IHostEnvironment environment, IServiceProvider services)
    {
        logger.MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Extensions.Http", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .ReadFrom.Services(services);
        // The console is written on a background thread: a turn never waits for its log line, and
        // under a flood the queue drops lines rather than slow the answers down. In production the
        // lines go out in batches (see BatchedConsoleSink), at most a fifth of a second late.
        if (environment.IsDevelopment()) logger.WriteTo.Async(sink => sink.Console());
        else logger.WriteTo.Sink(new BatchedConsoleSink(new CompactJsonFormatter(), Console.OpenStandardOutput()), new BatchingOptions
        {
            BatchSizeLimit = 1000,
            BufferingTimeLimit = TimeSpan.FromMilliseconds(200),
            EagerlyEmitFirstEvent = true,
            QueueLimit = 10_000,
        });
    }
}
