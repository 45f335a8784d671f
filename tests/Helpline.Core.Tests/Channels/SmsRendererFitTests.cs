using Helpline.Core.Channels;
using Helpline.Core.Engine;
using Helpline.Core.Text;

namespace Helpline.Core.Tests.Channels;

/// <summary>Twilio refuses a body over 1,600 characters (error 21617): a reply is cut at a line end rather than lost.</summary>
public sealed class SmsRendererFitTests
{
    [Fact]
    public void Render_ReplyOverTheLimit_IsCutAtALineEnd_WithinTheLimit()
    {
        var lines = Enumerable.Range(0, 40).Select(i => $"line {i:00} " + new string('x', 50)).ToList(); // 40 x 58 characters
        var body = SmsRenderer.Render([new TextOutput(null, string.Join("\n", lines))]);

        Assert.True(body.Length <= SegmentCounter.MaxMessageLength, $"{body.Length} characters");
        Assert.EndsWith(lines[(SegmentCounter.MaxMessageLength + 1) / 59 - 1], body); // whole lines only
        Assert.StartsWith(lines[0], body);
    }

    [Fact]
    public void Fit_OneLongLine_IsCutAtAWord()
    {
        var words = string.Join(" ", Enumerable.Repeat("palabra", 300)); // 2,399 characters, no line end
        var fitted = SmsRenderer.Fit(words);
        Assert.True(fitted.Length <= SegmentCounter.MaxMessageLength);
        Assert.EndsWith("palabra", fitted);
    }

    [Fact]
    public void Fit_WithinTheLimit_IsUnchanged()
    {
        var body = new string('a', SegmentCounter.MaxMessageLength);
        Assert.Same(body, SmsRenderer.Fit(body));
    }
}
