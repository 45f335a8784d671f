using System.Diagnostics.Metrics;
using Helpline.Testing;
using Helpline.Twilio;
using Helpline.Web.Metrics;
using Helpline.Web.Tests.Support;
using Helpline.Web.Voice;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Web.Tests.Voice;

/// <summary>
/// "Text me this" is sent in the background through the real client against the loopback Twilio API:
/// each outcome logged and counted, and what is queued is sent on a graceful shutdown, up to a deadline.
/// </summary>
public sealed class TextMeSenderTests : IAsyncLifetime
{
    private const string Caller = "+15205550911";
    private const string Helpline = "+15005550006";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TextMeQueue _queue = new();
    private readonly RecordingLogger _logs = new();
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly Dictionary<string, long> _results = [];
    private readonly MeterListener _listener = new();
    private LoopbackTwilioApi _twilio = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _twilio = await LoopbackTwilioApi.StartAsync(HelplineApp.AccountSid, HelplineApp.AuthToken);
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "helpline.text_me") listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (_results)
            {
                var result = (string)tags[0].Value!;
                _results[result] = _results.GetValueOrDefault(result) + value;
            }
        });
        _listener.Start();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        _http.Dispose();
        await _twilio.DisposeAsync();
        await _meters.DisposeAsync();
    }

    private TextMeSender Sender()
    {
        var options = Options.Create(new TwilioOptions
        {
            AccountSid = HelplineApp.AccountSid,
            AuthToken = HelplineApp.AuthToken,
            ApiBaseUrl = _twilio.BaseUrl,
            RetryBaseDelay = TimeSpan.Zero,
            SendTimeout = TimeSpan.FromHours(1), // only the fake clock ends a hung request
        });
        var client = new TwilioMessagesClient(_http, options, _time, NullLogger<TwilioMessagesClient>.Instance);
        return new TextMeSender(_queue, () => client, new HelplineMetrics(_meters.GetRequiredService<IMeterFactory>()), _time, _logs);
    }

    private static TextMeRequest Request(string callSid, params string[] messages) => new(callSid, Caller, Helpline, messages);

    private long Counted(string result)
    {
        lock (_results) return _results.GetValueOrDefault(result);
    }

    [Fact]
    public async Task Queued_IsSentToTheCaller_FromTheHelpline_AndCountedAsSent()
    {
        using var sender = Sender();
        await sender.StartAsync(CancellationToken.None);
        Assert.True(_queue.TryEnqueue(Request("CA1", "page one", "page two")));
        await _queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([(Caller, Helpline, "page one"), (Caller, Helpline, "page two")], _twilio.Messages.Select(m => (m.To, m.From, m.Body)));
        Assert.Equal(1, Counted("sent"));
        Assert.Contains(_logs.Lines, l => l.StartsWith("Text-me SMS sent", StringComparison.Ordinal) && l.Contains("CA1", StringComparison.Ordinal));
        await sender.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TwilioRefuses_IsLoggedAndCountedAsFailed_WithoutTheNumberOrTheText()
    {
        _twilio.FailNext(3, 500);
        using var sender = Sender();
        await sender.StartAsync(CancellationToken.None);
        _queue.TryEnqueue(Request("CA2", "the secret text"));
        await _queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, Counted("failed"));
        Assert.Equal(0, Counted("sent"));
        Assert.Contains(_logs.Lines, l => l.StartsWith("Text-me SMS failed", StringComparison.Ordinal));
        Assert.All(_logs.Lines, l => Assert.DoesNotContain("5205550911", l));
        Assert.All(_logs.Lines, l => Assert.DoesNotContain("secret", l));
        await sender.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StopAsync_SendsEverythingStillQueued()
    {
        using var sender = Sender();
        for (var i = 0; i < 3; i++) Assert.True(_queue.TryEnqueue(Request($"CA-q{i}", $"message {i}")));
        await sender.StartAsync(CancellationToken.None);
        await sender.StopAsync(CancellationToken.None);

        Assert.Equal(["message 0", "message 1", "message 2"], _twilio.Messages.Select(m => m.Body));
        Assert.Equal(3, Counted("sent"));
        Assert.False(_queue.TryEnqueue(Request("CA-late", "after stop")), "a stopped sender takes no more requests");
    }

    [Fact]
    public async Task StopAsync_PastTheDeadline_AbandonsWhatIsLeft_AndSaysSo()
    {
        _twilio.HangNext(1);
        using var sender = Sender();
        _queue.TryEnqueue(Request("CA-hung", "hangs"));
        _queue.TryEnqueue(Request("CA-behind", "waits behind it"));
        await sender.StartAsync(CancellationToken.None);
        await _twilio.WaitForRequestsAsync(1, TimeSpan.FromSeconds(30));

        var stopping = sender.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted, "the sender waits for the hung request until the deadline");
        _time.Advance(TextMeSender.DrainDeadline);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(_twilio.Messages);
        Assert.Equal(2, Counted("abandoned"));
        Assert.Equal(0, _queue.Unfinished);
        Assert.Contains(_logs.Lines, l => l.StartsWith("Shutdown deadline reached with 2 text-me request(s) unsent", StringComparison.Ordinal));
    }

    [Fact]
    public void Queue_Full_RefusesInsteadOfGrowing()
    {
        for (var i = 0; i < TextMeQueue.Capacity; i++) Assert.True(_queue.TryEnqueue(Request($"CA{i}", "x")));
        Assert.False(_queue.TryEnqueue(Request("CA-over", "x")));
        Assert.Equal(TextMeQueue.Capacity, _queue.Unfinished);
    }

    /// <summary>The sender's log lines, rendered as a sink would write them.</summary>
    private sealed class RecordingLogger : ILogger<TextMeSender>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get { lock (_lines) return [.. _lines]; }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines) _lines.Add(formatter(state, exception));
        }
    }
}
