using Helpline.Core.Channels;
using Helpline.Core.Engine;
using Helpline.Core.Validation;

namespace Helpline.Core.Tests.Channels;

/// <summary>
/// The repository's content measured as sent: every first reply within its budget with "not legal advice" and
/// 911 once, GSM-7 folding where a locale opts in, and calls a caller can sit through.
/// </summary>
public class CostPerAnswerContentTests
{
    private static readonly List<SentReply> Replies = [.. SentReplies.All(TestContent.Repo, new EngineOptions())];

    [Fact]
    public void SentReplies_CoverFirstContactEveryLanguageAndTextMe()
    {
        Assert.Contains(Replies, r => r.Situation == "first message 'hi'" && r.Culture is null);
        foreach (var locale in TestContent.Repo.Locales.Locales)
        {
            Assert.Contains(Replies, r => r.Culture == locale.Culture && r.Node == "main/fear_say" && r.Channel == Channel.Sms);
            Assert.Contains(Replies, r => r.Culture == locale.Culture && r.Channel == Channel.Voice);
        }
    }

    [Fact]
    public void FirstReply_EveryLanguage_AtMost3SegmentsWithNotLegalAdviceAnd911Once()
    {
        var first = Replies.Where(ContentValidator.IsFirstReply).ToList();
        Assert.NotEmpty(first);
        Assert.All(first, r =>
        {
            Assert.True(r.Cost.Segments <= ContentValidator.FirstReplyBudget, $"{r.Culture} {r.Situation}: {r.Cost.Segments} segments\n{r.Body}");
            Assert.Equal(1, CountOf(r.Body, "911"));
        });
        // Before a language is chosen: English, since 911 reads the same in every language.
        Assert.All(first.Where(r => r.Culture is null), r => Assert.Contains("Not legal advice", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryReply_EveryLanguage_WithinTheBudget() =>
        Assert.All(Replies, r => Assert.True(r.Cost.Segments <= 4, $"{r.Culture} {r.Node} {r.Situation} page {r.Page}: {r.Cost.Segments}"));

    [Fact]
    public void Folding_WhenOn_SpanishBecomesGsm7ButDariIsUnchanged()
    {
        var folded = SentReplies.All(TestContent.Repo, new EngineOptions { SmsFolding = Gsm7FoldingMode.Always }).ToList();
        var spanishMenu = folded.Single(r => r.Culture == "es" && r.Situation == "first message 'Español'");
        Assert.Equal(Core.Text.SmsEncoding.Gsm7, spanishMenu.Cost.Encoding);
        Assert.Contains("Informacion general, no asesoria legal.", spanishMenu.Body, StringComparison.Ordinal);
        var dari = folded.Single(r => r.Culture == "fa-AF" && r.Situation == "first message 'دری'");
        Assert.Equal(Replies.Single(r => r.Culture == "fa-AF" && r.Situation == "first message 'دری'").Body, dari.Body);
        // Off by default: the repository's Spanish is sent as written.
        Assert.Contains("Información general", Replies.Single(r => r.Culture == "es" && r.Situation == "first message 'Español'").Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Folding_LocaleOptsIn_ItsSmsIsFolded()
    {
        using var temp = new TempContent(TestContent.MinimalRoot);
        var path = Path.Combine(temp.Root, "locales", "es.yaml");
        File.WriteAllText(path, "sms_fold_gsm7: true\n" + File.ReadAllText(path));
        var engine = new ConversationEngine(temp.Load(), TimeProvider.System, new EngineOptions());
        var reply = SmsRenderer.Render(engine.Handle(null, TurnInput.Sms("Español")).Outputs);
        Assert.True(Core.Text.SegmentCounter.IsGsm7(reply), reply);
        Assert.Contains("informacion general", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Folding_NeverOnACallNorOnWhatsApp()
    {
        var engine = new ConversationEngine(TestContent.Repo, TimeProvider.System, new EngineOptions { SmsFolding = Gsm7FoldingMode.Always });
        var call = engine.Handle(new ConversationState { Flow = "main", Node = "language", LastActive = DateTimeOffset.UtcNow }, TurnInput.Keypad("1"));
        Assert.Contains(call.Outputs.OfType<TextOutput>(), t => t.Text.Contains("Información", StringComparison.Ordinal));
        var whatsApp = engine.Handle(null, new TurnInput(Channel.WhatsApp, TurnKind.Message, "Español"));
        Assert.Contains("Información", SmsRenderer.Render(whatsApp.Outputs), StringComparison.Ordinal);
    }

    [Fact]
    public void Calls_EveryLanguage_WithinTheTargets()
    {
        var times = CallTiming.Measure(TestContent.Repo, new EngineOptions());
        Assert.Equal(TestContent.Repo.Locales.Locales.Count, times.Count);
        Assert.All(times, t =>
        {
            Assert.True(t.OwnLanguageOption <= CallTiming.Target, $"{t.Culture}: own language option at {t.OwnLanguageOption:0.0} s");
            Assert.True(t.MainMenu <= CallTiming.Target, $"{t.Culture}: main menu heard in {t.MainMenu:0.0} s");
            Assert.False(double.IsNaN(t.CredibleFear), $"{t.Culture}: the credible-fear answer is not reached by keys");
            Assert.True(t.LargestMenu <= CallTiming.MostOptions, $"a voice menu offers {t.LargestMenu} options");
        });
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
