namespace Helpline.Twilio;

/// <summary>The verbs that may appear both at the top level and inside <c>&lt;Gather&gt;</c>.</summary>
internal static class TwimlVerbElements
{
    public static TwimlElement Say(string text, string? voice, string? language, int? loop)
    {
        ArgumentNullException.ThrowIfNull(text);
        ThrowIfNegative(loop, nameof(loop));
        return new TwimlElement("Say", text).With("voice", voice).With("language", language).With("loop", loop);
    }

    public static TwimlElement Play(string url, int? loop)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ThrowIfNegative(loop, nameof(loop));
        return new TwimlElement("Play", url).With("loop", loop);
    }

    public static TwimlElement Pause(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new TwimlElement("Pause").With("length", length);
    }

    // loop="0" is Twilio's "repeat until the call ends", so only negatives are wrong.
    private static void ThrowIfNegative(int? value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must not be negative.");
        }
    }
}
