using Serilog;
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
        if (environment.IsDevelopment()) logger.WriteTo.Console();
        else logger.WriteTo.Console(new CompactJsonFormatter());
    }
}
