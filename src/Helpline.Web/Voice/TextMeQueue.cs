using System.Threading.Channels;

namespace Helpline.Web.Voice;

/// <summary>
/// "Text me this" requests between the call that confirmed them and <see cref="TextMeSender"/>. A call
/// must be answered within Twilio's 15 s whatever the Messages API does, so the webhook only queues;
/// the queue is bounded so that a Twilio outage in a crisis cannot grow memory without end: when it is
/// full the caller is told at once that the text could not be sent.
/// </summary>
public sealed class TextMeQueue
{
    /// <summary>Requests waiting at most; each is a few SMS pages, so this is well under a megabyte.</summary>
    public const int Capacity = 1_000;

    private readonly Channel<TextMeRequest> _channel = Channel.CreateBounded<TextMeRequest>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: the caller hears it, nothing is dropped silently
    });

    private readonly Lock _gate = new();
    private int _unfinished;
    private TaskCompletionSource _idle = Completed();

    /// <summary>Queues a request; false when the queue is full or closed (the host is stopping).</summary>
    public bool TryEnqueue(TextMeRequest request)
    {
        lock (_gate)
        {
            if (!_channel.Writer.TryWrite(request)) return false;
            if (_unfinished++ == 0) _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }

    /// <summary>Requests queued or being sent.</summary>
    public int Unfinished
    {
        get { lock (_gate) return _unfinished; }
    }

    /// <summary>Completes once every request queued so far has been sent, has failed, or was abandoned.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate) return _idle.Task;
    }

    internal ChannelReader<TextMeRequest> Reader => _channel.Reader;

    /// <summary>No more requests: the sender finishes what is queued and stops.</summary>
    internal void Close() => _channel.Writer.TryComplete();

    /// <summary>One request is over, whatever became of it.</summary>
    internal void Finished()
    {
        lock (_gate)
        {
            if (--_unfinished == 0) _idle.TrySetResult();
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
