using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Helpline.Twilio;

/// <summary>Sends SMS through Twilio's Messages API, retrying what is worth retrying. Never throws for HTTP failures.</summary>
public sealed class TwilioMessagesClient(HttpClient http, IOptions<TwilioOptions> options, TimeProvider time, ILogger<TwilioMessagesClient> logger)
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

        var endpoint = $"{settings.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/Messages.json";
        var credentials = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        var attempts = Math.Max(1, settings.SendAttempts);

        for (var attempt = 1; ; attempt++)
        {
            var outcome = await AttemptAsync(endpoint, credentials, to, from, body, settings.SendTimeout, ct);
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

    private async Task<AttemptOutcome> AttemptAsync(
        string endpoint, AuthenticationHeaderValue credentials, string to, string from, string body, TimeSpan timeout, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent([
                KeyValuePair.Create("To", to),
                KeyValuePair.Create("From", from),
                KeyValuePair.Create("Body", body),
            ]),
        };
        request.Headers.Authorization = credentials;

        // Timed on the TimeProvider so a test clock controls it like the back-off.
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var attemptSource = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutSource.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attemptSource.Token);
            var json = await response.Content.ReadAsStringAsync(attemptSource.Token);
            return Interpret(response, json);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // Our per-attempt timeout, or HttpClient's own.
            return AttemptOutcome.Retry(new SmsSendResult(false, null, null, null, "timeout"));
        }
        catch (HttpRequestException ex)
        {
            var error = ex.HttpRequestError is HttpRequestError.Unknown ? "connection-failed" : $"connection-{ex.HttpRequestError}";
            return AttemptOutcome.Retry(new SmsSendResult(false, null, null, null, error));
        }
    }

    private AttemptOutcome Interpret(HttpResponseMessage response, string json)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var (sid, segments) = ReadCreatedMessage(json);
            return AttemptOutcome.Final(new SmsSendResult(true, sid, segments, status, null));
        }

        var twilioCode = ReadErrorCode(json);
        var error = twilioCode is null ? $"http-{status}" : $"twilio-error {twilioCode}";
        var result = new SmsSendResult(false, null, null, status, error);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return AttemptOutcome.Retry(result, RetryAfter(response));
        }

        return status >= 500 ? AttemptOutcome.Retry(result) : AttemptOutcome.Final(result);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - time.GetUtcNow() : null;
    }

    private (string? Sid, int? Segments) ReadCreatedMessage(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var sid = root.TryGetProperty("sid", out var sidElement) && sidElement.ValueKind == JsonValueKind.String
                ? sidElement.GetString()
                : null;
            return (sid, ReadSegments(root));
        }
        catch (JsonException)
        {
            // Twilio accepted the message; an unreadable answer does not make it unsent.
            logger.LogWarning("Twilio accepted an SMS but its answer was not JSON");
            return (null, null);
        }
    }

    // Twilio's JSON gives num_segments as a string ("2"); accept a number too.
    private static int? ReadSegments(JsonElement root)
    {
        if (!root.TryGetProperty("num_segments", out var segments))
        {
            return null;
        }

        return segments.ValueKind switch
        {
            JsonValueKind.Number when segments.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(segments.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }

    private static int? ReadErrorCode(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.Number
                && code.TryGetInt32(out var value)
                    ? value
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record AttemptOutcome(SmsSendResult Result, bool Retryable, TimeSpan? RetryAfter)
    {
        public static AttemptOutcome Final(SmsSendResult result) => new(result, false, null);

        public static AttemptOutcome Retry(SmsSendResult result, TimeSpan? retryAfter = null) => new(result, true, retryAfter);
    }
}
