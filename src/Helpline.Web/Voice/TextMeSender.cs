using Helpline.Twilio;
using Helpline.Web.Metrics;

namespace Helpline.Web.Voice;

/// <summary>
/// Sends queued "text me this" messages through Twilio's Messages API, one request at a time, with the
/// client's retries, outside any webhook. Each outcome is logged (the call's id, never the number or the
/// text) and counted. On a graceful shutdown it stops taking requests and sends what is queued, until
/// <see cref="DrainDeadline"/> or the host's own shutdown deadline; what is left then is logged and
/// counted as abandoned, so nothing is lost without a trace.
/// </summary>
public sealed class TextMeSender(TextMeQueue queue, Func<TwilioMessagesClient> client, HelplineMetrics metrics, TimeProvider time, ILogger<TextMeSender> logger)
    : IHostedService, IDisposable
{
    /// <summary>Under the host's default shutdown timeout (30 s), and longer than one send's retries usually take.</summary>
    public static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource _abandon = new();
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Close();
        try
        {
            await _running.WaitAsync(DrainDeadline, time, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("Shutdown deadline reached with {Unfinished} text-me request(s) unsent", queue.Unfinished);
            await _abandon.CancelAsync();
            await _running;
        }
    }

    public void Dispose() => _abandon.Dispose();

    private async Task RunAsync()
    {
        // Ends once the queue is closed and empty: every request is sent, failed or abandoned first.
        await foreach (var request in queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await SendAsync(request);
            }
            catch (Exception e)
            {
                // One request's bug must not stop the others from being sent.
                logger.LogError(e, "Text-me SMS failed inside the helpline ({CallSid})", request.CallSid);
                metrics.TextMeEnded("failed");
            }
            finally
            {
                queue.Finished();
            }
        }
    }

    private async Task SendAsync(TextMeRequest request)
    {
        if (_abandon.IsCancellationRequested)
        {
            Abandoned(request);
            return;
        }
        var messages = client();
        foreach (var message in request.Messages)
        {
            SmsSendResult result;
            try
            {
                result = await messages.SendAsync(request.To, request.From, message, _abandon.Token);
            }
            catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
            {
                Abandoned(request);
                return;
            }
            if (result.Sent) continue;
            logger.LogWarning("Text-me SMS failed: {Error} (status {Status}) ({CallSid})", result.Error, result.StatusCode, request.CallSid);
            metrics.TextMeEnded("failed");
            return;
        }
        logger.LogInformation("Text-me SMS sent: {Messages} message(s) ({CallSid})", request.Messages.Count, request.CallSid);
        metrics.TextMeEnded("sent");
    }

    private void Abandoned(TextMeRequest request)
    {
        logger.LogWarning("Text-me SMS abandoned at shutdown ({CallSid})", request.CallSid);
        metrics.TextMeEnded("abandoned");
    }
}
