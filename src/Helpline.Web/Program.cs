using Helpline.Web.Hosting;
using Serilog;

// Serilog's bootstrap shape: log even a failure to start, then hand over to the configured logger.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    // Each host gets its own logger (the static one stays the bootstrap logger): hosts in one test process stay apart.
    builder.Services.AddSerilog((services, logger) => HelplineLogging.Configure(logger, builder.Environment, services), preserveStaticLogger: true);
    builder.Services.AddHelplineServices(builder.Configuration, builder.Environment);

    var app = builder.Build();
    app.RunStartupChecks();
    app.UseHelpline();
    app.MapHelplineEndpoints();
    app.Run();
    return 0;
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "Helpline did not start");
    return 1;
}
finally
{
    Log.CloseAndFlush();
}

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
