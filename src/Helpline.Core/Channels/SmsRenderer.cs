using Helpline.Core.Engine;
using Helpline.Core.Text;

namespace Helpline.Core.Channels;

/// <summary>Writes a turn's outputs as the text of one SMS or WhatsApp reply.</summary>
public static class SmsRenderer
{
    public static string Render(IEnumerable<Output> outputs)
    {
        var blocks = new List<string>();
        foreach (var output in outputs)
        {
            switch (output)
            {
                case TextOutput text:
                    blocks.Add(text.Text);
                    break;
                case ChoicesOutput menu:
                    blocks.Add(string.Join("\n", menu.Choices.Select(c => $"{c.Digit} {c.Label}")));
                    break;
                case LanguageChoicesOutput languages:
                    blocks.Add(string.Join("\n", languages.Choices.Select(c => $"{c.Digit} {c.Name}")));
                    break;
            }
        }
        return Fit(string.Join("\n", blocks.Where(b => b.Length > 0)));
    }

    /// <summary>Twilio refuses bodies over 1600 characters (error 21617): cut at a line end rather than lose the reply.</summary>
    public static string Fit(string body)
    {
        if (body.Length <= SegmentCounter.MaxMessageLength) return body;
        var cut = body.LastIndexOf('\n', SegmentCounter.MaxMessageLength - 1);
        if (cut <= 0) cut = body.LastIndexOf(' ', SegmentCounter.MaxMessageLength - 1);
        return body[..(cut > 0 ? cut : SegmentCounter.MaxMessageLength)];
    }
}
