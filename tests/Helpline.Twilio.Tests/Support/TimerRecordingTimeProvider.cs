using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Twilio.Tests.Support;

/// <summary>
/// A fake clock that reports each timer it is asked for, so a test learns how long the code under test
/// wants to wait and can then advance the clock by exactly that, instead of sleeping.
/// </summary>
public sealed class TimerRecordingTimeProvider(FakeTimeProvider clock) : TimeProvider
{
    private readonly Channel<TimeSpan> requestedTimers = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Clock { get; } = clock;

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Clock.CreateTimer(callback, state, dueTime, period);
        requestedTimers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created that is not <paramref name="ignored"/>.</summary>
    public async Task<TimeSpan> NextTimerAsync(TimeSpan ignored)
    {
        using var expiry = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var dueTime = await requestedTimers.Reader.ReadAsync(expiry.Token);
            if (dueTime != ignored)
            {
                return dueTime;
            }
        }
    }
}
