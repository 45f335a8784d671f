using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Helpline.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 that plays Twilio's Messages API: it checks the path and Basic auth,
/// validates the form like Twilio does, records what it accepts, and can be told to fail or hang.
/// </summary>
public sealed class LoopbackTwilioApi : IAsyncDisposable
{
    public const int MaxBodyLength = 1600;

    private readonly string accountSid;
    private readonly string authToken;
    private readonly List<SentSms> messages = [];
    private readonly Channel<SentSms> arrivals = Channel.CreateUnbounded<SentSms>();
    private readonly ConcurrentQueue<PlannedFault> faults = new();
    private readonly CancellationTokenSource shutdown = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> requestWaiters = [];
    private readonly ConcurrentDictionary<string, bool> invalidNumbers = new();
    private WebApplication? app;
    private int requestCount;

    private LoopbackTwilioApi(string accountSid, string authToken)
    {
        this.accountSid = accountSid;
        this.authToken = authToken;
    }

    /// <summary>Where the API listens, e.g. "http://127.0.0.1:54321"; use it as <c>Twilio:ApiBaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every message accepted so far, in arrival order.</summary>
    public IReadOnlyList<SentSms> Messages
    {
        get
        {
            lock (messages)
            {
                return messages.ToArray();
            }
        }
    }

    /// <summary>Every request to the Messages endpoint, failed, refused and hung ones included.</summary>
    public int RequestCount => Volatile.Read(ref requestCount);

    public static async Task<LoopbackTwilioApi> StartAsync(string accountSid, string authToken)
    {
        var api = new LoopbackTwilioApi(accountSid, authToken);
        await api.StartServerAsync();
        return api;
    }

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="statusCode"/>.</summary>
    public void FailNext(int count, int statusCode) => Plan(count, new PlannedFault(statusCode, RetryAfter: null));

    /// <summary>As <see cref="FailNext(int, int)"/>, with a <c>Retry-After</c> header in whole seconds.</summary>
    public void FailNext(int count, int statusCode, TimeSpan retryAfter) => Plan(count, new PlannedFault(statusCode, retryAfter));

    /// <summary>The next <paramref name="count"/> requests get no answer until the client gives up.</summary>
    public void HangNext(int count) => Plan(count, PlannedFault.Hang);

    /// <summary>The User-Agent of the last request to the Messages endpoint (the official library names itself).</summary>
    public string? LastUserAgent { get; private set; }

    /// <summary>Sends to <paramref name="to"/> are refused as Twilio does (21211), with the number in the error's message.</summary>
    public void RejectAsInvalid(string to) => invalidNumbers[to] = true;

    /// <summary>The next accepted message not yet awaited; throws <see cref="TimeoutException"/> if none comes.</summary>
    public async Task<SentSms> WaitForMessageAsync(TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        try
        {
            return await arrivals.Reader.ReadAsync(expiry.Token);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested)
        {
            throw new TimeoutException($"No SMS reached the loopback Twilio API within {timeout}.");
        }
    }

    /// <summary>
    /// Completes once <paramref name="count"/> requests have reached the Messages endpoint, so a test can move a
    /// fake clock exactly when the client is waiting on a hung request.
    /// </summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (requestWaiters)
        {
            if (RequestCount >= count)
            {
                return;
            }

            requestWaiters.Add((count, reached));
        }

        try
        {
            await reached.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {RequestCount} of {count} requests reached the loopback Twilio API within {timeout}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Hung requests end first, or stopping would wait for them.
        await shutdown.CancelAsync();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        shutdown.Dispose();
    }

    private void CountRequest()
    {
        lock (requestWaiters)
        {
            var count = Interlocked.Increment(ref requestCount);
            foreach (var waiter in requestWaiters.Where(w => w.Count <= count).ToList())
            {
                waiter.Reached.TrySetResult();
                requestWaiters.Remove(waiter);
            }
        }
    }

    private void Plan(int count, PlannedFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            faults.Enqueue(fault);
        }
    }

    private async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", HandleCreateMessageAsync);
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseUrl = addresses.Addresses.First();
    }

    private async Task HandleCreateMessageAsync(HttpContext context)
    {
        CountRequest();
        LastUserAgent = context.Request.Headers.UserAgent.ToString();

        if (faults.TryDequeue(out var fault))
        {
            await ActOutAsync(fault, context);
            return;
        }

        if (!HasValidCredentials(context.Request))
        {
            await AnswerErrorAsync(context, StatusCodes.Status401Unauthorized, 20003, "Authenticate");
            return;
        }

        if (!string.Equals(context.Request.RouteValues["accountSid"] as string, accountSid, StringComparison.Ordinal))
        {
            await AnswerErrorAsync(context, StatusCodes.Status404NotFound, 20404, "The requested resource was not found");
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await AnswerErrorAsync(context, StatusCodes.Status400BadRequest, 21602, "Message body is required.");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var to = form["To"].ToString();
        var from = form["From"].ToString();
        var body = form["Body"].ToString();
        var rejection = (to, from, body) switch
        {
            ({ Length: 0 }, _, _) => (Code: 21604, Message: "A 'To' phone number is required."),
            (_, { Length: 0 }, _) when string.IsNullOrEmpty(form["MessagingServiceSid"]) =>
                (Code: 21603, Message: "A 'From' phone number is required."),
            (_, _, { Length: 0 }) => (Code: 21602, Message: "Message body is required."),
            (_, _, { Length: > MaxBodyLength }) =>
                (Code: 21617, Message: "The concatenated message body exceeds the 1600 character limit."),
            _ when invalidNumbers.ContainsKey(to) => (Code: 21211, Message: $"The 'To' number {to} is not a valid phone number."),
            _ => (Code: 0, Message: ""),
        };
        if (rejection.Code != 0)
        {
            await AnswerErrorAsync(context, StatusCodes.Status400BadRequest, rejection.Code, rejection.Message);
            return;
        }

        var sms = new SentSms(to, string.IsNullOrEmpty(from) ? form["MessagingServiceSid"].ToString() : from, body);
        lock (messages)
        {
            messages.Add(sms);
        }

        arrivals.Writer.TryWrite(sms);

        context.Response.StatusCode = StatusCodes.Status201Created;
        await WriteJsonAsync(context, new JsonObject
        {
            ["sid"] = "SM" + Guid.NewGuid().ToString("N"),
            ["account_sid"] = accountSid,
            ["to"] = sms.To,
            ["from"] = sms.From,
            ["body"] = sms.Body,
            ["status"] = "queued",
            // Twilio sends the count as a string.
            ["num_segments"] = SmsSegments.Count(body).ToString(CultureInfo.InvariantCulture),
        });
    }

    private async Task ActOutAsync(PlannedFault fault, HttpContext context)
    {
        if (fault.Hangs)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, shutdown.Token);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, either.Token);
            }
            catch (OperationCanceledException)
            {
                // The client gave up or the server is stopping: that was the point.
            }

            return;
        }

        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        var code = fault.StatusCode == StatusCodes.Status429TooManyRequests ? 20429 : 20500;
        await AnswerErrorAsync(context, fault.StatusCode, code, "Planned failure");
    }

    private bool HasValidCredentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            return pair == $"{accountSid}:{authToken}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Task AnswerErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        return WriteJsonAsync(context, new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
            ["status"] = status,
        });
    }

    private static Task WriteJsonAsync(HttpContext context, JsonObject json)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json.ToJsonString(), context.RequestAborted);
    }

    private sealed record PlannedFault(int StatusCode, TimeSpan? RetryAfter, bool Hangs = false)
    {
        public static readonly PlannedFault Hang = new(0, null, Hangs: true);
    }
}
