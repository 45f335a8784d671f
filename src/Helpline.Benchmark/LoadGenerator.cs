using System.Diagnostics;

namespace Helpline.Benchmark;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers, each a sequence of distinct callers walking a
/// <see cref="CallerScripts"/> conversation, one request at a time. Warm-up first (not counted),
/// then the measured window; a request counts if it completes inside the window.
/// </summary>
public sealed class LoadGenerator(int concurrency, TimeSpan warmup, TimeSpan measured)
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
        while (!stop.IsCancellationRequested)
        {
            var caller = Interlocked.Increment(ref _callers);
            var from = SignedSms.FictionalNumber(caller);
            foreach (var body in CallerScripts.For(caller))
            {
                if (stop.IsCancellationRequested) break;
                using var request = sms.Create(from, body);
                var started = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    // Not cancelled by `stop`: a request in flight is allowed to finish.
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
                    _ = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
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
            }
        }
        return samples;
    }

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
