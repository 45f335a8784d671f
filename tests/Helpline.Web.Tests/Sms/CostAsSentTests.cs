using System.Xml.Linq;
using Helpline.Core.Channels;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Text;
using Helpline.Web.Tests.Support;

namespace Helpline.Web.Tests.Sms;

/// <summary>
/// The one SMS measure is over what the webhook really returns: a sample of turns in every language, sent over
/// HTTP, each reply found among the replies the validator and the report measure, at the same cost.
/// Calls: every prompt inside the &lt;Gather&gt; (a key stops it: barge-in), menus of at most 5 said "for X, press N".
/// </summary>
public sealed class CostAsSentTests : IDisposable
{
    private readonly HelplineApp _app = new();
    private static readonly ContentBundle Content = ContentLoader.Load(HelplineApp.RepoRoot);
    private static readonly Dictionary<string, SmsCost> Measured = SentReplies.All(Content, new EngineOptions())
        .Where(r => r.Channel == Channel.Sms).GroupBy(r => r.Body).ToDictionary(g => g.Key, g => g.First().Cost);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task WebhookReplies_EveryLanguage_AreMeasuredAsSent()
    {
        var n = 0;
        foreach (var locale in Content.Locales.Locales)
        {
            var texter = $"+1520555{0700 + n++:0000}";
            // A greeting, the language's name, the fear menu and answer, reading on, a wrong reply, the legal-help menu.
            foreach (var body in new[] { "hi", locale.Name, "2", "1", "1", "99", "0", "8" })
            {
                var reply = await _app.PostSmsAsync(texter, body);
                var sent = reply.Message;
                Assert.True(Measured.TryGetValue(sent, out var cost), $"{locale.Culture} '{body}': the webhook sent a reply the measure never saw:\n{sent}");
                Assert.Equal(SmsCost.Of(sent), cost);
                Assert.True(cost!.Segments <= 4, $"{locale.Culture} '{body}': {cost.Segments} segments");
            }
        }
    }

    [Fact]
    public async Task Call_EveryPromptIsInsideTheGather_SoAKeyInterruptsIt_AndMenusSayForXPressN()
    {
        var form = new List<KeyValuePair<string, string>> { new("CallSid", "CA-barge"), new("From", "+15205550777"), new("To", HelplineApp.HelplineNumber) };
        var start = (await _app.PostAsync("/twilio/voice", form)).Xml.Root!;
        AllPromptsInsideTheGather(start);
        Assert.Contains(start.Descendants("Say"), s => s.Value == "Not legal advice. In danger, call 911.");

        var gather = start.Element("Gather")!.Attribute("action")!.Value;
        var menu = (await _app.PostAsync(gather, [.. form, new("Digits", "0")])).Xml.Root!;
        AllPromptsInsideTheGather(menu);
        var said = menu.Descendants("Say").Select(s => s.Value).ToList();
        Assert.Contains("For Saying you are afraid, press 2.", said);
        Assert.Contains("For Other topics, press 5.", said);
        Assert.DoesNotContain(said, s => s.Contains("press 6", StringComparison.Ordinal));
    }

    private static void AllPromptsInsideTheGather(XElement response)
    {
        var gather = Assert.Single(response.Elements("Gather"));
        // Keys are heard whatever "input" says (Twilio's default is dtmf), and barge-in is never turned off.
        Assert.True(gather.Attribute("input") is null || gather.Attribute("input")!.Value.Contains("dtmf", StringComparison.Ordinal));
        Assert.NotEqual("false", gather.Attribute("bargeIn")?.Value);
        Assert.NotEmpty(gather.Elements());
        Assert.DoesNotContain(response.Elements(), e => e.Name.LocalName is "Say" or "Play");
    }
}
