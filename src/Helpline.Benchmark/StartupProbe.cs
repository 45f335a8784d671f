using System.Diagnostics;
using System.Net;

namespace Helpline.Benchmark;

/// <summary>How long a server took from process start to /healthz and to its first answered webhook.</summary>
public sealed record StartupTimes(TimeSpan Healthy, TimeSpan FirstWebhook);

public static class StartupProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Polls GET /healthz until 200, then sends one signed SMS webhook; throws if either fails.</summary>
    public static async Task<StartupTimes> WaitAsync(ServerProcess server, SignedSms sms, CancellationToken ct, string channel = "sms")
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(15) };
        var healthz = new Uri(server.BaseUri, "/healthz");
        TimeSpan healthy;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (server.HasExited) throw new ServerFailedException(server.Name, "exited before answering /healthz", server.LogTail());
            if (Stopwatch.GetElapsedTime(server.StartedAt) > Limit)
                throw new ServerFailedException(server.Name, $"no answer on /healthz within {Limit.TotalSeconds:0} s", server.LogTail());
            try
            {
                using var response = await client.GetAsync(healthz, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    healthy = Stopwatch.GetElapsedTime(server.StartedAt);
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(10), ct);
        }

        var voice = channel == "voice";
        using var first = voice
            ? sms.CreateVoice("/twilio/voice", "CA" + Guid.NewGuid().ToString("N"), SignedSms.FictionalNumber(0), null)
            : sms.Create(SignedSms.FictionalNumber(0), "hola");
        using var answer = await client.SendAsync(first, ct);
        var firstWebhook = Stopwatch.GetElapsedTime(server.StartedAt);
        var body = await answer.Content.ReadAsStringAsync(ct);
        if (answer.StatusCode != HttpStatusCode.OK || answer.Content.Headers.ContentType?.MediaType != "text/xml")
            throw new ServerFailedException(server.Name,
                $"first signed webhook answered {(int)answer.StatusCode} {answer.Content.Headers.ContentType}: {body[..Math.Min(body.Length, 300)]}", server.LogTail());
        if (!body.Contains(voice ? "<Say" : "<Message>", StringComparison.Ordinal))
            throw new ServerFailedException(server.Name, $"first webhook got no message: {body[..Math.Min(body.Length, 300)]}", server.LogTail());
        return new StartupTimes(healthy, firstWebhook);
    }
}
