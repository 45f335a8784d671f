using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Helpline.Benchmark;

/// <summary>
/// The yardstick: the least a Twilio SMS webhook can do on this machine (Kestrel reads the form and
/// answers fixed TwiML). The helpline's throughput is reported as a fraction of this one's.
/// </summary>
public static class MinimalServer
{
    public const string Switch = "--serve-minimal";

    public const string Reply = """<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hello</Message></Response>""";

    public const string VoiceReply = """<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello</Say></Response>""";

    public static int Run(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // As quiet as the helpline in production: no framework log per request.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();

        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapPost("/twilio/sms", async (HttpRequest request, CancellationToken ct) =>
        {
            // Read like the helpline does, so both pay for parsing Twilio's form.
            var form = await request.ReadFormAsync(ct);
            _ = form["Body"];
            return Results.Text(Reply, "text/xml", Encoding.UTF8);
        });

        async Task<IResult> Voice(HttpRequest request, CancellationToken ct)
        {
            var form = await request.ReadFormAsync(ct);
            _ = form["CallSid"];
            _ = form["Digits"];
            return Results.Text(VoiceReply, "text/xml", Encoding.UTF8);
        }
        app.MapPost("/twilio/voice", Voice);
        app.MapPost("/twilio/voice/{kind}", (HttpRequest request, string kind, CancellationToken ct) => Voice(request, ct));

        app.Run();
        return 0;
    }
}
