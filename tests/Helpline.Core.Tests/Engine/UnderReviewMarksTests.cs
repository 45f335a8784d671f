using Helpline.Core.Channels;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Localization;
using Helpline.Core.Reporting;
using Helpline.Core.Review;
using Helpline.Core.Validation;
using Helpline.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Core.Tests.Engine;

/// <summary>
/// Helpline:MarkLanguagesUnderReview: the language menu marks a language a person can still get an unreviewed text
/// in, and its welcome is followed by a note that the texts are still being checked; approving every text of a
/// language lifts both. The transcripts (*-under-review-*.txt) show the conversations; these check what they cannot.
/// </summary>
public class UnderReviewMarksTests
{
    private static readonly EngineOptions MarksOn = new() { MarkLanguagesUnderReview = true };
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static string Texts(ConversationEngine engine, params string[] messages)
    {
        ConversationState? state = null;
        var replies = new List<string>();
        foreach (var message in messages)
        {
            var turn = engine.Handle(state, TurnInput.Sms(message));
            state = turn.State;
            replies.Add(SmsRenderer.Render(turn.Outputs));
        }
        return string.Join("\n--\n", replies);
    }

    private static string Note(ContentBundle content, string culture) => content.Locales.Get(culture).Texts[Keys.UnderReviewNote];

    [Fact]
    public void Today_EveryTranslationIsUnderReview_EnglishNever()
    {
        var marked = LanguagesUnderReview.Of(TestContent.Repo);

        Assert.Equal(TestContent.Repo.Locales.Locales.Where(l => l.Culture != "en").Select(l => l.Culture).Order(), marked.Order());
    }

    [Fact]
    public void ApprovingEveryTextOfSpanish_RemovesItsMarkAndNote_OthersStayMarked()
    {
        using var copy = new ContentCopy();
        var before = ContentLoader.Load(copy.Root);
        var spanish = ContentReport.CallerTexts(before, before.Locales.Get("es")).Select(s => s.Key).ToList();

        TranslationReviews.Approve(copy.Root, before.Locales, "es", spanish, "Ana Pérez", Today);

        var after = ContentLoader.Load(copy.Root);
        var replies = Texts(new ConversationEngine(after, new FakeTimeProvider(), MarksOn), "hola", "1", "2");
        Assert.Contains("1 Español\n", replies);
        Assert.DoesNotContain("Español *", replies);
        Assert.Contains("2 Português *", replies);
        Assert.DoesNotContain(Note(after, "es"), replies);
    }

    [Fact]
    public void ApprovingAllButOneTextOfSpanish_KeepsItMarked()
    {
        using var copy = new ContentCopy();
        var before = ContentLoader.Load(copy.Root);
        // One machine draft left, a menu choice one level down: a texter could still be given it.
        var spanish = ContentReport.CallerTexts(before, before.Locales.Get("es")).Select(s => s.Key).Where(k => k != "fear.decision").ToList();

        TranslationReviews.Approve(copy.Root, before.Locales, "es", spanish, "Ana Pérez", Today);

        var after = ContentLoader.Load(copy.Root);
        Assert.Contains("es", LanguagesUnderReview.Of(after));
        Assert.Contains("1 Español *", Texts(new ConversationEngine(after, new FakeTimeProvider(), MarksOn), "hola"));
    }

    [Fact]
    public void MarksOn_EveryReplyAsSent_IsWithinBudget_AndTheFirstReplyWithinThree()
    {
        var replies = SentReplies.All(TestContent.Repo, MarksOn).ToList();

        Assert.All(replies, r => Assert.True(r.Cost.Segments <= 4, $"{r.Culture} {r.Node} ({r.Situation}): {r.Cost.Segments} segments"));
        Assert.All(replies.Where(ContentValidator.IsFirstReply),
            r => Assert.True(r.Cost.Segments <= ContentValidator.FirstReplyBudget, $"{r.Culture} {r.Node} ({r.Situation}): {r.Cost.Segments} segments"));
        // The measure covers the replies the setting changes: the marked menu and the replies carrying an owed note.
        Assert.Contains(replies, r => r.Culture is null && r.Body.Contains("8 دری *", StringComparison.Ordinal));
        Assert.Contains(replies, r => r.Situation == "arrives, review note owed" && r.Body.StartsWith(Note(TestContent.Repo, "es"), StringComparison.Ordinal));
    }

    [Fact]
    public void MarksOn_TheValidatorMeasuresTheMarkedReplies_AndFindsNoError()
    {
        var findings = new ContentValidator(new ValidationOptions { MarkLanguagesUnderReview = true }).Validate(TestContent.Repo);

        Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
    }

    [Theory]
    [InlineData("es", "1")]
    [InlineData("fa-AF", "8")]
    [InlineData("ps-AF", "9")]
    [InlineData("ht", "3")]
    [InlineData("zh-Hans", "4")]
    public void MarksOn_EveryLanguageUnderReview_GetsItsNote_InTheFirstReplyOrTheNext(string culture, string digit)
    {
        var replies = Texts(new ConversationEngine(TestContent.Repo, new FakeTimeProvider(), MarksOn), "hi", digit, "2").Split("\n--\n");

        var note = Note(TestContent.Repo, culture);
        var carriers = replies.Skip(1).Count(r => r.Contains(note, StringComparison.Ordinal));
        Assert.Equal(1, carriers);
    }

    [Fact]
    public void MarksOn_TheNoteFollowsTheWelcome_WhenTheFirstReplyHasRoom()
    {
        var first = Texts(new ConversationEngine(TestContent.Repo, new FakeTimeProvider(), MarksOn), "hi", "3").Split("\n--\n")[1];

        var welcome = TestContent.Repo.Locales.Get("ht").Texts["welcome"];
        Assert.StartsWith($"{welcome}\n{Note(TestContent.Repo, "ht")}\n1 ", first);
    }

    [Fact]
    public void MarksOn_ACallHearsTheNoteAfterTheMainMenu_NotBeforeItsTopics()
    {
        var engine = new ConversationEngine(TestContent.Repo, new FakeTimeProvider(), MarksOn);
        var started = engine.Handle(null, new TurnInput(Channel.Voice, TurnKind.CallStarted));

        var outputs = engine.Handle(started.State, TurnInput.Keypad("8")).Outputs.ToList();

        var note = outputs.FindIndex(o => o is TextOutput { Key: Keys.UnderReviewNote });
        var topics = outputs.FindIndex(o => o is ChoicesOutput);
        Assert.True(topics >= 0 && note > topics, $"note at {note}, topics at {topics}");
    }

    [Theory]
    [InlineData("Español *", "Información general, no asesoría legal.")]
    [InlineData("دری *", "معلومات عمومی، نه مشوره حقوقی.")]
    [InlineData("پښتو *", "عمومي معلومات، حقوقي مشوره نه.")]
    public void MarksOn_ATexterWhoCopiesAMarkedNameBack_GetsThatLanguage(string sent, string welcome)
    {
        var reply = Texts(new ConversationEngine(TestContent.Repo, new FakeTimeProvider(), MarksOn), sent);

        Assert.StartsWith(welcome, reply);
    }

    [Fact]
    public void MarksOff_TheRepliesAreTodays()
    {
        var off = SentReplies.All(TestContent.Repo, new EngineOptions()).Select(r => r.Body).ToList();
        var notes = TestContent.Repo.Locales.Locales.Select(l => l.Texts[Keys.UnderReviewNote]).ToList();

        Assert.DoesNotContain(off, body => notes.Any(n => body.Contains(n, StringComparison.Ordinal)));
        Assert.DoesNotContain(off, body => body.Contains(" *\n", StringComparison.Ordinal));
    }
}
