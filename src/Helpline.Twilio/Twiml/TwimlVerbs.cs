namespace Helpline.Twilio;

/// <summary>The verbs allowed inside <c>&lt;Gather&gt;</c>: Say, Play and Pause.</summary>
public sealed class TwimlVerbs
{
    private readonly TwimlElement parent;

    internal TwimlVerbs(TwimlElement parent) => this.parent = parent;

    public TwimlVerbs Say(string text, string? voice = null, string? language = null, int? loop = null)
    {
        parent.Children.Add(TwimlVerbElements.Say(text, voice, language, loop));
        return this;
    }

    public TwimlVerbs Play(string url, int? loop = null)
    {
        parent.Children.Add(TwimlVerbElements.Play(url, loop));
        return this;
    }

    public TwimlVerbs Pause(int length)
    {
        parent.Children.Add(TwimlVerbElements.Pause(length));
        return this;
    }
}
