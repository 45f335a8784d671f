using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Helpline.Twilio;

/// <summary>
/// Sends SMS with the official Twilio library (<see cref="MessageResource"/>), adding what it lacks: a
/// timeout per attempt on the <see cref="TimeProvider"/>, retries of what is worth retrying, and the
/// caller's cancellation. Never throws for Twilio's or the network's failures, and never logs the
/// library's exception messages: Twilio's error texts can echo the phone number.
/// </summary>
public sealed class TwilioMessagesClient(System.Net.Http.HttpClient http, IOptions<TwilioOptions> options, TimeProvider time, ILogger<TwilioMessagesClient> logger)
{
    /// <summary>Twilio refuses longer bodies with error 21617.</summary>
    public const int MaxBodyLength = 1600;

    /// <summary>A reply to a person waiting on the line should not sit behind a long back-off.</summary>
    internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    public async Task<SmsSendResult> SendAsync(string to, string from, string body, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(from);
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length > MaxBodyLength)
        {
            throw new ArgumentException($"An SMS body is at most {MaxBodyLength} characters; this one has {body.Length}.", nameof(body));
        }

        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.AccountSid) || string.IsNullOrEmpty(settings.AuthToken))
        {
            logger.LogError("SMS not sent: Twilio:AccountSid or Twilio:AuthToken is not configured");
            return new SmsSendResult(false, null, null, null, "not-configured");
        }

        if (!Uri.TryCreate(settings.ApiBaseUrl, UriKind.Absolute, out var apiBase))
        {
            logger.LogError("SMS not sent: Twilio:ApiBaseUrl is not an absolute URL");
            return new SmsSendResult(false, null, null, null, "not-configured");
        }

        var attempts = Math.Max(1, settings.SendAttempts);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await AttemptAsync(apiBase, settings, to, from, body, ct);
            if (outcome.Result.Sent)
            {
                return outcome.Result;
            }

            var result = outcome.Result;
            if (!outcome.Retryable || attempt >= attempts)
            {
                logger.LogWarning(
                    "SMS not sent after {Attempts} attempt(s): status {StatusCode}, error {Error}",
                    attempt, result.StatusCode, result.Error);
                return result;
            }

            var delay = RetryDelay(attempt, settings.RetryBaseDelay, outcome.RetryAfter);
            logger.LogInformation(
                "SMS attempt {Attempt} failed: status {StatusCode}, error {Error}; retrying in {Delay}",
                attempt, result.StatusCode, result.Error, delay);
            await Task.Delay(delay, time, ct);
        }
    }

    /// <summary>Exponential from the base delay, or the server's Retry-After; never more than <see cref="MaxRetryDelay"/>.</summary>
    internal static TimeSpan RetryDelay(int failedAttempt, TimeSpan baseDelay, TimeSpan? retryAfter)
    {
        var delay = retryAfter ?? baseDelay * Math.Pow(2, Math.Clamp(failedAttempt - 1, 0, 16));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }

    private async Task<AttemptOutcome> AttemptAsync(Uri apiBase, TwilioOptions settings, string to, string from, string body, CancellationToken ct)
    {
        // Timed on the TimeProvider so a test clock controls it like the back-off.
        using var timeoutSource = new CancellationTokenSource(settings.SendTimeout, time);
        using var attemptSource = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutSource.Token);
        using var handler = new TwilioApiHandler(http, apiBase, attemptSource.Token);
        using var wrapper = new System.Net.Http.HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: new SystemNetHttpClient(wrapper))
        {
            // TWILIO_LOG_LEVEL=debug would make the library print requests to the console.
            LogLevel = null,
        };
        var message = new CreateMessageOptions(new PhoneNumber(to)) { From = new PhoneNumber(from), Body = body };

        try
        {
            var created = await MessageResource.CreateAsync(message, client);
            return AttemptOutcome.Final(new SmsSendResult(true, created.Sid, ParseSegments(created.NumSegments), handler.StatusCode, null));
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The library wraps the cancellation in its own exception, whose message names the URL.
            throw new OperationCanceledException(ct);
        }
        catch (ApiConnectionException ex)
        {
            return AttemptOutcome.Retry(new SmsSendResult(false, null, null, null, ConnectionError(ex, timeoutSource.IsCancellationRequested)));
        }
        catch (ApiException ex) when (handler.StatusCode is >= 200 and < 300)
        {
            // Twilio accepted the message; an answer the library cannot read does not make it unsent.
            logger.LogWarning("Twilio accepted an SMS but its answer could not be read ({Exception})", ex.GetType().Name);
            return AttemptOutcome.Final(new SmsSendResult(true, null, null, handler.StatusCode, null));
        }
        catch (ApiException ex)
        {
            var status = handler.StatusCode ?? (ex.Status > 0 ? ex.Status : null);
            var error = ex.Code > 0 ? $"twilio-error {ex.Code}" : $"http-{status}";
            var result = new SmsSendResult(false, null, null, status, error);
            if (status == 429)
            {
                return AttemptOutcome.Retry(result, RetryAfter(handler.RetryAfter));
            }

            return status is null or >= 500 ? AttemptOutcome.Retry(result) : AttemptOutcome.Final(result);
        }
    }

    private static string ConnectionError(ApiConnectionException ex, bool timedOut)
    {
        if (timedOut || ex.InnerException is OperationCanceledException)
        {
            // Our per-attempt timeout, or HttpClient's own.
            return "timeout";
        }

        return ex.InnerException is HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } inner
            ? $"connection-{inner.HttpRequestError}"
            : "connection-failed";
    }

    private TimeSpan? RetryAfter(System.Net.Http.Headers.RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - time.GetUtcNow() : null;
    }

    // Twilio's JSON gives num_segments as a string ("2").
    private static int? ParseSegments(string? segments) =>
        int.TryParse(segments, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private sealed record AttemptOutcome(SmsSendResult Result, bool Retryable, TimeSpan? RetryAfter)
    {
        public static AttemptOutcome Final(SmsSendResult result) => new(result, false, null);

        public static AttemptOutcome Retry(SmsSendResult result, TimeSpan? retryAfter = null) => new(result, true, retryAfter);
    }
}
