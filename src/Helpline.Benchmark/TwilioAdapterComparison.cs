using System.Diagnostics;
using System.Xml.Linq;
using Helpline.Twilio;
using Twilio.Security;
using Twilio.TwiML;
using Twilio.TwiML.Voice;

namespace Helpline.Benchmark;

/// <summary>
/// <c>--twilio-adapter [--seconds N]</c>: the project's signature check and TwiML writer against the official
/// Twilio library's, on the shapes the helpline uses, in this process: time and bytes allocated per call.
/// The figures are in src/Helpline.Twilio/README.md.
/// </summary>
public static class TwilioAdapterComparison
{
    public const string Switch = "--twilio-adapter";

    private const string Token = "benchmark-auth-token";
    private const string Url = "https://helpline.example.org/twilio/sms";

    public static int Run(string[] args)
    {
        var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(double.Parse).FirstOrDefault(1.0);
        var fields = new Dictionary<string, string>
        {
            ["AccountSid"] = "AC0123456789abcdef0123456789abcdef", ["ApiVersion"] = "2010-04-01", ["Body"] = "hola",
            ["From"] = "+15555550100", ["FromCountry"] = "US", ["MessageSid"] = "SM0123456789abcdef0123456789abcdef",
            ["NumMedia"] = "0", ["NumSegments"] = "1", ["SmsStatus"] = "received", ["To"] = "+15555550199",
        };
        var signature = SignatureValidator.Compute(Token, Url, fields);
        var ours = new SignatureValidator(Token);
        var official = new RequestValidator(Token);
        if (!ours.IsValid(Url, fields, signature) || !official.Validate(Url, fields, signature))
            throw new InvalidOperationException("The two validators disagree on the benchmark's request.");

        const string prompt = "Decir que tiene miedo: 1. Cómo decirlo 2. Qué preguntan 3. La decisión 4. Miedo razonable 5. Ayuda legal. 0 = menú principal.";
        Console.WriteLine($"Twilio adapter: the project's code against the official Twilio library 8.2.0 (the faster of two {seconds:0.#} s runs each, after a warm-up)");
        Console.WriteLine();
        Console.WriteLine("| what | project | official | official / project |");
        Console.WriteLine("|---|---|---|---|");
        Compare("signature check of an SMS webhook (10 fields)", seconds,
            () => ours.IsValid(Url, fields, signature),
            () => official.Validate(Url, fields, signature));
        Compare("TwiML of a voice menu (Gather, Say, Redirect)", seconds,
            () => new TwimlResponse()
                .Gather(new GatherOptions("/twilio/voice/turn", NumDigits: 1, Timeout: 5, ActionOnEmptyResult: true),
                    g => g.Say(prompt, "Google.es-US-Standard-A", "es-US"))
                .Redirect("/twilio/voice/turn?silence=1").ToString(),
            () =>
            {
                var response = new VoiceResponse();
                var gather = new Gather(action: new Uri("/twilio/voice/turn", UriKind.Relative), numDigits: 1, timeout: 5, actionOnEmptyResult: true);
                gather.Say(prompt, voice: "Google.es-US-Standard-A", language: "es-US");
                response.Append(gather).Redirect(new Uri("/twilio/voice/turn?silence=1", UriKind.Relative));
                return response.ToString(SaveOptions.DisableFormatting);
            });
        Compare("TwiML of an SMS reply (Message)", seconds,
            () => new TwimlResponse().Message(prompt).ToString(),
            () => new MessagingResponse().Message(prompt).ToString(SaveOptions.DisableFormatting));
        return 0;
    }

    private static void Compare(string what, double seconds, Func<object> project, Func<object> official)
    {
        // Warm both up first (tiered JIT), then take the faster of two runs each, interleaved.
        Measure(project, seconds / 2);
        Measure(official, seconds / 2);
        var (projectNs, projectBytes) = Measure(project, seconds);
        var (officialNs, officialBytes) = Measure(official, seconds);
        var (projectNs2, _) = Measure(project, seconds);
        var (officialNs2, _) = Measure(official, seconds);
        projectNs = Math.Min(projectNs, projectNs2);
        officialNs = Math.Min(officialNs, officialNs2);
        Console.WriteLine($"| {what} | {projectNs:0} ns, {projectBytes:0} B | {officialNs:0} ns, {officialBytes:0} B | {officialNs / projectNs:0.0}× time, {officialBytes / projectBytes:0.0}× bytes |");
    }

    private static (double Nanoseconds, double Bytes) Measure(Func<object> action, double seconds)
    {
        var calls = 0L;
        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var budget = TimeSpan.FromSeconds(seconds);
        while (clock.Elapsed < budget)
        {
            for (var i = 0; i < 200; i++) action();
            calls += 200;
        }
        clock.Stop();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        return (clock.Elapsed.TotalNanoseconds / calls, (double)bytes / calls);
    }
}
