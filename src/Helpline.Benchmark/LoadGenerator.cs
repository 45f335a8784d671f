using System.Diagnostics;

namespace Helpline.Benchmark;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers, each a sequence of distinct callers walking a
/// <see cref="CallerScripts"/> conversation, one request at a time. Warm-up first (not counted),
/// then the measured window; a request counts if it completes inside the window.
/// </summary>
/// <remarks>
/// With <c>rate</c> &gt; 0 each worker is paced (rate / concurrency requests a second each), so the
/// load is a steady rate as long as the server keeps up. Channel "voice": each caller places a call
/// and presses <see cref="CallerScripts.Calls"/> keys, each sent to the action URL of the last TwiML.
/// </remarks>
public sealed partial class LoadGenerator(int concurrency, TimeSpan warmup, TimeSpan measured, string channel = "sms", double rate = 0)
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15); // what Twilio waits

    private long _callers;

    /// <param name="firstCaller">Callers are numbered from here, so two targets never share a number.</param>
    public async Task<LoadResult> RunAsync(SignedSms sms, ServerProcess server, long firstCaller, CancellationToken ct)
    {
        _callers = firstCaller;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var client = new HttpClient(handler) { Timeout = RequestTimeout };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        using var self = Process.GetCurrentProcess();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkerAsync(client, sms, stop.Token), CancellationToken.None)).ToList();

        WorkerSamples[] samples;
        long windowStart, windowEnd;
        TimeSpan serverCpuStart, serverCpuEnd, selfCpuStart, selfCpuEnd;
        TimeSpan? machineStart, machineEnd;
        try
        {
            await WaitWhileAliveAsync(server, warmup, ct);
            windowStart = Stopwatch.GetTimestamp();
            serverCpuStart = server.CpuTime();
            self.Refresh();
            selfCpuStart = self.TotalProcessorTime;
            machineStart = MachineLoad.BusyTime();

            await WaitWhileAliveAsync(server, measured, ct);
            windowEnd = Stopwatch.GetTimestamp();
            serverCpuEnd = server.CpuTime();
            self.Refresh();
            selfCpuEnd = self.TotalProcessorTime;
            machineEnd = MachineLoad.BusyTime();
        }
        finally
        {
            // Stop issuing; requests in flight finish (bounded by the request timeout) and are not counted.
            await stop.CancelAsync();
            samples = await Task.WhenAll(workers);
        }

        return LoadResult.From(samples, windowStart, windowEnd, serverCpuEnd - serverCpuStart, selfCpuEnd - selfCpuStart,
            machineEnd - machineStart, !server.HasExited);
    }

    /// <summary>Waits, but gives up early if the server dies: the rest of the run would only count refused connections.</summary>
    private static async Task WaitWhileAliveAsync(ServerProcess server, TimeSpan duration, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (!server.HasExited)
        {
            var left = until - Stopwatch.GetTimestamp();
            if (left <= 0) return;
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(0.5, (double)left / Stopwatch.Frequency)), ct);
        }
    }

    private async Task<WorkerSamples> WorkerAsync(HttpClient client, SignedSms sms, CancellationToken stop)
    {
        var samples = new WorkerSamples();
        var interval = rate > 0 ? (long)(Stopwatch.Frequency * concurrency / rate) : 0;
        // Workers start spread over one interval, so a paced load does not arrive in bursts.
        var next = Stopwatch.GetTimestamp() + (interval > 0 ? Random.Shared.NextInt64(interval) : 0);

        async Task<string?> SendAsync(Func<HttpRequestMessage> create)
        {
            if (interval > 0)
            {
                var wait = next - Stopwatch.GetTimestamp();
                if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), CancellationToken.None);
                // Behind schedule (the server is slower than the rate): do not send a burst to catch up.
                next = Math.Max(next + interval, Stopwatch.GetTimestamp() - interval);
            }
            using var request = create();
            var started = Stopwatch.GetTimestamp();
            string? error;
            string? body = null;
            try
            {
                // Not cancelled by `stop`: a request in flight is allowed to finish.
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
                // Only a call needs the TwiML (for its next action URL); SMS bodies are read, not decoded.
                if (channel == "voice") body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                else _ = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                error = Check(response);
            }
            catch (TaskCanceledException)
            {
                error = "timeout";
            }
            catch (HttpRequestException e)
            {
                error = "connection: " + e.HttpRequestError;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                error = "client: " + e.GetType().Name;
            }
            var finished = Stopwatch.GetTimestamp();
            samples.Add(finished, finished - started, error);
            return error is null ? body : null;
        }

        while (!stop.IsCancellationRequested)
        {
            var caller = Interlocked.Increment(ref _callers);
            var from = SignedSms.FictionalNumber(caller);
            if (channel == "voice")
            {
                var callSid = "CA" + Guid.NewGuid().ToString("N");
                var body = await SendAsync(() => sms.CreateVoice("/twilio/voice", callSid, from, null));
                var step = 0;
                foreach (var digits in CallerScripts.CallFor(caller))
                {
                    if (stop.IsCancellationRequested || body is null) break;
                    if (body.Contains("<Dial", StringComparison.Ordinal) || body.Contains("<Hangup", StringComparison.Ordinal)) break;
                    // Follow the step the TwiML carries; the minimal endpoint's fixed reply has none, so count on.
                    var action = GatherAction().Match(body);
                    step = action.Success ? int.Parse(action.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : step + 1;
                    var path = $"/twilio/voice/gather?s={step}";
                    body = await SendAsync(() => sms.CreateVoice(path, callSid, from, digits));
                }
            }
            else
            {
                foreach (var text in CallerScripts.For(caller))
                {
                    if (stop.IsCancellationRequested) break;
                    await SendAsync(() => sms.Create(from, text));
                }
            }
        }
        return samples;
    }

    [System.Text.RegularExpressions.GeneratedRegex("""action="/twilio/voice/gather\?s=([0-9]+)""")]
    private static partial System.Text.RegularExpressions.Regex GatherAction();

    private static string? Check(HttpResponseMessage response)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.OK) return "HTTP " + (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return string.Equals(mediaType, "text/xml", StringComparison.OrdinalIgnoreCase) ? null : "content type " + (mediaType ?? "none");
    }
}

/// <summary>One worker's requests: when each completed, how long it took, and what went wrong if anything.</summary>
public sealed class WorkerSamples
{
    public List<long> CompletedAt { get; } = new(16_384);
    public List<long> Ticks { get; } = new(16_384);
    public List<(long CompletedAt, string Error)> Errors { get; } = [];

    public void Add(long completedAt, long ticks, string? error)
    {
        if (error is null)
        {
            CompletedAt.Add(completedAt);
            Ticks.Add(ticks);
        }
        else
        {
            Errors.Add((completedAt, error));
        }
    }
}
