using Helpline.Testing;
using Helpline.Twilio.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Helpline.Twilio.Tests.Support.TestParameters;

namespace Helpline.Twilio.Tests.Messaging;

/// <summary>The client against a real HTTP server on loopback that plays Twilio's Messages API.</summary>
public sealed class TwilioMessagesClientTests : IAsyncLifetime
{
    private const string ReplyText = "Your appointment is on Monday at 10:00.";

    private readonly HttpClient http = new();
    private readonly RecordingLoggerProvider logs = new();
    private LoopbackTwilioApi api = null!;

    public async Task InitializeAsync() => api = await LoopbackTwilioApi.StartAsync(AccountSid, AuthToken);

    public async Task DisposeAsync()
    {
        http.Dispose();
        await api.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_Accepted_ReturnsSidAndSegmentsAndDeliversTheFields()
    {
        var result = await Client().SendAsync(CallerNumber, HelplineNumber, ReplyText);

        Assert.True(result.Sent);
        Assert.Equal(201, result.StatusCode);
        Assert.Null(result.Error);
        Assert.Equal(1, result.Segments);
        Assert.StartsWith("SM", result.Sid);
        Assert.Equal(34, result.Sid!.Length);
        Assert.Equal(new SentSms(CallerNumber, HelplineNumber, ReplyText), await api.WaitForMessageAsync(GenerousWait));
        Assert.Single(api.Messages);
    }

    [Fact]
    public async Task SendAsync_WrongAuthToken_IsRefusedAndNotRetried()
    {
        var result = await Client(o => o.AuthToken = "not-the-token").SendAsync(CallerNumber, HelplineNumber, ReplyText);

        Assert.False(result.Sent);
        Assert.Equal(401, result.StatusCode);
        Assert.Equal("twilio-error 20003", result.Error);
        Assert.Equal(1, api.RequestCount);
        Assert.Empty(api.Messages);
    }

    [Fact]
    public async Task SendAsync_UnicodeBody_ArrivesIntact()
    {
        const string farsi = "سلام! وقت شما دوشنبه ساعت ۱۰ است 🙏";

        var result = await Client().SendAsync(CallerNumber, HelplineNumber, farsi);

        Assert.True(result.Sent);
        Assert.Equal(farsi, (await api.WaitForMessageAsync(GenerousWait)).Body);
    }

    [Theory]
    [InlineData("0", 160, 1)]
    [InlineData("0", 161, 2)]
    [InlineData("0", 307, 3)]
    [InlineData("Á", 70, 1)]
    [InlineData("Á", 71, 2)]
    public async Task SendAsync_SegmentCountFromTwilio_IsReported(string character, int repeat, int segments)
    {
        var result = await Client().SendAsync(CallerNumber, HelplineNumber, string.Concat(Enumerable.Repeat(character, repeat)));

        Assert.Equal(segments, result.Segments);
    }

    [Theory]
    [InlineData(68, 1)]
    [InlineData(69, 2)]
    public async Task SendAsync_EmojiCostsTwoUnits(int otherCharacters, int segments)
    {
        var result = await Client().SendAsync(CallerNumber, HelplineNumber, "😜" + new string('a', otherCharacters));

        Assert.Equal(segments, result.Segments);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task SendAsync_OneRetryableFailure_IsRetriedAndSent(int statusCode)
    {
        api.FailNext(1, statusCode);

        var result = await Client().SendAsync(CallerNumber, HelplineNumber, ReplyText);

        Assert.True(result.Sent);
        Assert.Equal(2, api.RequestCount);
        Assert.Single(api.Messages);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(403)]
    public async Task SendAsync_ClientError_IsNotRetried(int statusCode)
    {
        api.FailNext(1, statusCode);

        var result = await Client().SendAsync(CallerNumber, HelplineNumber, ReplyText);

        Assert.False(result.Sent);
        Assert.Equal(statusCode, result.StatusCode);
        Assert.Equal(1, api.RequestCount);
    }

    [Fact]
    public async Task SendAsync_EmptyBody_TwilioRefusesWith21602()
    {
        var result = await Client().SendAsync(CallerNumber, HelplineNumber, "");

        Assert.False(result.Sent);
        Assert.Equal(400, result.StatusCode);
        Assert.Equal("twilio-error 21602", result.Error);
        Assert.Equal(1, api.RequestCount);
    }

    [Fact]
    public async Task SendAsync_EveryAttemptFails_ReturnsNotSentWithTheLastStatus()
    {
        api.FailNext(3, 503);

        var result = await Client().SendAsync(CallerNumber, HelplineNumber, ReplyText);

        Assert.False(result.Sent);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal(3, api.RequestCount);
        Assert.Empty(api.Messages);
    }

    [Fact]
    public async Task SendAsync_Failure_LogsStatusButNoPhoneNumberOrBody()
    {
        api.FailNext(3, 503);

        await Client().SendAsync(CallerNumber, HelplineNumber, ReplyText);

        Assert.NotEmpty(logs.Entries);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("503") && e.Message.Contains('3'));
        Assert.All(logs.Entries, e =>
        {
            Assert.DoesNotContain(CallerNumber, e.Message);
            Assert.DoesNotContain(HelplineNumber, e.Message);
            Assert.DoesNotContain(ReplyText, e.Message);
        });
    }

    [Fact]
    public async Task SendAsync_TwilioErrorEchoesTheNumber_LogsTheCodeButNeverTheMessage()
    {
        api.RejectAsInvalid(CallerNumber);

        var result = await Client().SendAsync(CallerNumber, HelplineNumber, ReplyText);

        Assert.False(result.Sent);
        Assert.Equal(400, result.StatusCode);
        Assert.Equal("twilio-error 21211", result.Error);
        Assert.Equal(1, api.RequestCount);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("21211"));
        Assert.All(logs.Entries, e =>
        {
            Assert.DoesNotContain(CallerNumber, e.Message);
            Assert.DoesNotContain("not a valid phone number", e.Message);
            Assert.DoesNotContain(CallerNumber, e.Exception?.ToString() ?? "");
        });
    }

    [Fact]
    public async Task SendAsync_ThroughTheOfficialLibrary_SendsItsUserAgentAndBasicAuth()
    {
        await Client().SendAsync(CallerNumber, HelplineNumber, ReplyText);

        Assert.StartsWith("twilio-csharp/", api.LastUserAgent);
    }

    [Fact]
    public async Task SendAsync_BodyOver1600Characters_ThrowsWithoutCallingTwilio()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client().SendAsync(CallerNumber, HelplineNumber, new string('a', 1601)));

        Assert.Equal(0, api.RequestCount);
    }

    [Fact]
    public async Task SendAsync_BodyOfExactly1600Characters_IsSent()
    {
        var result = await Client().SendAsync(CallerNumber, HelplineNumber, new string('a', 1600));

        Assert.True(result.Sent);
        Assert.Equal(11, result.Segments);
    }

    [Fact]
    public async Task SendAsync_ServerHangsOnEveryAttempt_TimesOutEachAndReturnsNotSent()
    {
        api.HangNext(2);

        var result = await Client(o =>
        {
            o.SendAttempts = 2;
            o.SendTimeout = TimeSpan.FromMilliseconds(50);
        }).SendAsync(CallerNumber, HelplineNumber, ReplyText);

        Assert.False(result.Sent);
        Assert.Equal("timeout", result.Error);
        Assert.Null(result.StatusCode);
        Assert.Empty(api.Messages);
    }

    [Fact]
    public async Task SendAsync_FirstAttemptHangs_TimesOutOnTheClockThenRetriesAndSends()
    {
        var clock = new FakeTimeProvider();
        api.HangNext(1);

        var sending = Client(o => o.SendTimeout = TimeSpan.FromSeconds(10), clock).SendAsync(CallerNumber, HelplineNumber, ReplyText);
        await api.WaitForRequestsAsync(1, GenerousWait);
        Assert.False(sending.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(10));
        var result = await sending.WaitAsync(GenerousWait);

        Assert.True(result.Sent);
        Assert.Equal(2, api.RequestCount);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfter_WaitsThatLongOnTheClock()
    {
        var clock = new TimerRecordingTimeProvider(new FakeTimeProvider());
        var sendTimeout = TimeSpan.FromMinutes(1);
        api.FailNext(1, 429, retryAfter: TimeSpan.FromSeconds(3));

        var sending = Client(o => o.SendTimeout = sendTimeout, clock).SendAsync(CallerNumber, HelplineNumber, ReplyText);
        var wait = await clock.NextTimerAsync(ignored: sendTimeout);
        Assert.False(sending.IsCompleted);
        clock.Clock.Advance(wait);
        var result = await sending.WaitAsync(GenerousWait);

        Assert.Equal(TimeSpan.FromSeconds(3), wait);
        Assert.True(result.Sent);
        Assert.Equal(2, api.RequestCount);
    }

    [Fact]
    public async Task SendAsync_RetryAfterBeyondTenSeconds_IsCappedAtTen()
    {
        var clock = new TimerRecordingTimeProvider(new FakeTimeProvider());
        var sendTimeout = TimeSpan.FromMinutes(1);
        api.FailNext(1, 429, retryAfter: TimeSpan.FromSeconds(60));

        var sending = Client(o => o.SendTimeout = sendTimeout, clock).SendAsync(CallerNumber, HelplineNumber, ReplyText);
        var wait = await clock.NextTimerAsync(ignored: sendTimeout);
        clock.Clock.Advance(wait);
        await sending.WaitAsync(GenerousWait);

        Assert.Equal(TimeSpan.FromSeconds(10), wait);
    }

    [Fact]
    public async Task SendAsync_RepeatedServerErrors_BackOffExponentiallyFromTheBaseDelay()
    {
        var clock = new TimerRecordingTimeProvider(new FakeTimeProvider());
        var sendTimeout = TimeSpan.FromMinutes(1);
        api.FailNext(2, 500);

        var sending = Client(o =>
        {
            o.SendTimeout = sendTimeout;
            o.RetryBaseDelay = TimeSpan.FromSeconds(1);
        }, clock).SendAsync(CallerNumber, HelplineNumber, ReplyText);
        var firstWait = await clock.NextTimerAsync(ignored: sendTimeout);
        clock.Clock.Advance(firstWait);
        var secondWait = await clock.NextTimerAsync(ignored: sendTimeout);
        clock.Clock.Advance(secondWait);
        var result = await sending.WaitAsync(GenerousWait);

        Assert.Equal(TimeSpan.FromSeconds(1), firstWait);
        Assert.Equal(TimeSpan.FromSeconds(2), secondWait);
        Assert.True(result.Sent);
        Assert.Equal(3, api.RequestCount);
    }

    [Fact]
    public async Task SendAsync_NothingListening_ReturnsNotSentAsAConnectionFailure()
    {
        string closedBaseUrl;
        await using (var stopped = await LoopbackTwilioApi.StartAsync(AccountSid, AuthToken))
        {
            closedBaseUrl = stopped.BaseUrl;
        }

        var result = await Client(o => o.ApiBaseUrl = closedBaseUrl).SendAsync(CallerNumber, HelplineNumber, ReplyText);

        Assert.False(result.Sent);
        Assert.Null(result.StatusCode);
        Assert.StartsWith("connection", result.Error);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_Throws()
    {
        api.HangNext(1);
        using var cancel = new CancellationTokenSource();
        var sending = Client().SendAsync(CallerNumber, HelplineNumber, ReplyText, cancel.Token);
        await api.WaitForRequestsAsync(1, GenerousWait);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsTheOnlyAttempt_ThrowsRatherThanReportingATimeout()
    {
        // The official library wraps a cancellation in its own connection exception: the client must tell
        // the caller's cancellation from its own timeout even when no retry would follow.
        api.HangNext(1);
        using var cancel = new CancellationTokenSource();
        var sending = Client(o => o.SendAttempts = 1).SendAsync(CallerNumber, HelplineNumber, ReplyText, cancel.Token);
        await api.WaitForRequestsAsync(1, GenerousWait);

        await cancel.CancelAsync();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Equal(cancel.Token, thrown.CancellationToken);
    }

    [Fact]
    public async Task SendAsync_AccountNotConfigured_ReturnsNotSentWithoutCallingTwilio()
    {
        var result = await Client(o => o.AccountSid = "").SendAsync(CallerNumber, HelplineNumber, ReplyText);

        Assert.False(result.Sent);
        Assert.Equal("not-configured", result.Error);
        Assert.Equal(0, api.RequestCount);
    }

    [Fact]
    public async Task SendAsync_SeveralMessages_EachAcceptedOnce_InTheOrderSent()
    {
        var client = Client();
        var first = await client.SendAsync(CallerNumber, HelplineNumber, "first");
        var second = await client.SendAsync(CallerNumber, HelplineNumber, "second");

        Assert.True(first.Sent && second.Sent);
        Assert.NotEqual(first.Sid, second.Sid);
        Assert.Equal(["first", "second"], api.Messages.Select(m => m.Body));
        Assert.Equal(2, api.RequestCount);
    }

    private TwilioMessagesClient Client(Action<TwilioOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new TwilioOptions
        {
            AccountSid = AccountSid,
            AuthToken = AuthToken,
            ApiBaseUrl = api.BaseUrl,
            RetryBaseDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return new TwilioMessagesClient(http, Options.Create(options), time ?? TimeProvider.System, logs.CreateLogger<TwilioMessagesClient>());
    }
}
