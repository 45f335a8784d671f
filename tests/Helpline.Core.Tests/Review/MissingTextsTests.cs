using System.Text;
using Helpline.Core.Content;
using Helpline.Core.Localization;
using Helpline.Core.Reporting;
using Helpline.Core.Review;
using Helpline.Testing;

namespace Helpline.Core.Tests.Review;

/// <summary>
/// A new English text has no translation yet, so a Dari caller gets it in English: the reviewer sees it first, marked
/// missing, and adds it (in the browser or in their own tool) through the same checks as any edit.
/// </summary>
public sealed class MissingTextsTests : IDisposable
{
    private const string Dari = "fa-AF";
    private const string Reviewer = "Mariam Ahmadi";
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ContentCopy _content = new();

    public void Dispose() => _content.Dispose();

    private ContentBundle Content => ContentLoader.Load(_content.Root);

    private string English(string key) => Content.Locales.English.Texts[key];

    private ReviewResult Apply(params ReviewChange[] changes) => ReviewDesk.Apply(Content, Dari, changes, Reviewer, Today, 4);

    [Fact]
    public void Queue_DariLackingTexts_ListsThemFirstAsMissing_WithTheEnglishAndAnEmptyText()
    {
        var total = ReviewQueue.For(Content, Dari).Count;
        // The language title with its spoken variant, the apology's written text only (its spoken one stays), an answer.
        _content.RemoveTexts(Dari, "language.title", "language.title.voice", "error.apology", "fear_say.1");

        var queue = ReviewQueue.For(Content, Dari);

        Assert.Equal(["language.title", "language.title.voice", "error.apology", "fear_say.1"], queue.Take(4).Select(i => i.Key));
        Assert.All(queue.Take(4), i => Assert.Equal("missing", i.StateName));
        Assert.All(queue.Take(4), i => Assert.Equal("", i.Text));
        Assert.Equal(English("fear_say.1"), queue[3].English);
        Assert.Equal("language.offer", queue[4].Key);
        Assert.DoesNotContain(queue.Skip(4), i => i.StateName == "missing");
        Assert.Equal("draft", queue.Single(i => i.Key == "error.apology.voice").StateName);
        Assert.Equal(total, queue.Count);

        var progress = ReviewQueue.Progress(Content, Dari);
        Assert.Equal(4, progress.Missing);
        Assert.Equal(total, progress.Texts);
        Assert.EndsWith(", 4 missing", progress.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_CountsMissingTextsInTheReviewedShare_AndNamesThem()
    {
        _content.RemoveTexts(Dari, "fear_say.1");
        var content = Content;
        TranslationReviews.Approve(content.Root, content.Locales, Dari, [.. content.Locales.Get(Dari).Texts.Keys], Reviewer, Today);

        var report = ContentReport.Write(Content, new ReportOptions(), Today);

        // Every text Dari has is reviewed, but one is given in English: the share is not 100%.
        // the review table's row (ends with the reviewed share); the under-review table has a Dari row too
        var row = Assert.Single(report.Split('\n'), l => l.StartsWith("| Dari (`fa-AF`) |", StringComparison.Ordinal) && l.EndsWith("% |", StringComparison.Ordinal));
        var total = ReviewQueue.For(Content, Dari).Count;
        Assert.Equal($"| Dari (`fa-AF`) | {total} | {total - 1} | 0 | 0 | 0 | 1 | 99% |", row);
        var line = Assert.Single(report.Split('\n'), l => l.StartsWith("- Dari (`fa-AF`): ", StringComparison.Ordinal));
        Assert.Equal("- Dari (`fa-AF`): missing, given in English (1): `fear_say.1`", line);
    }

    [Fact]
    public void Desk_AddingAMissingText_PutsItBackWhereEnglishHasIt_AndRecordsTheReview()
    {
        var original = File.ReadAllText(_content.LocaleFile(Dari));
        var dari = Content.Locales.Get(Dari).Texts["fear_say.1"];
        _content.RemoveTexts(Dari, "fear_say.1");

        var result = Apply(new ReviewChange("fear_say.1", dari, Approve: true, TranslationStatus.SourceHash(English("fear_say.1"))));

        Assert.Empty(result.Refused);
        Assert.Equal(["fear_say.1"], result.Rewritten);
        Assert.Equal(["fear_say.1"], result.Approved);
        // The same line at the same place, after the text that comes before it in English: the file is as it was.
        Assert.Equal(original, File.ReadAllText(_content.LocaleFile(Dari)));
        var content = Content;
        var status = content.Translations.StatusOf(content.Locales, Dari, "fear_say.1");
        Assert.Equal(TranslationState.Reviewed, status.State);
        Assert.Equal(Reviewer, status.Record!.ReviewedBy);
        Assert.Equal(TranslationStatus.SourceHash(English("fear_say.1")), status.Record.Source);
        Assert.DoesNotContain(ReviewQueue.For(content, Dari), i => i.StateName == "missing");
    }

    [Fact]
    public void Desk_AddingAMissingTextWithoutApproval_RecordsAMachineDraftOfTheCurrentEnglish()
    {
        _content.RemoveTexts(Dari, "legal.prompt");

        var result = Apply(new ReviewChange("legal.prompt", "کمک حقوقی مفت:", Approve: false));

        Assert.Equal(["legal.prompt"], result.Drafts);
        var content = Content;
        Assert.Equal("کمک حقوقی مفت:", content.Locales.Get(Dari).Texts["legal.prompt"]);
        var status = content.Translations.StatusOf(content.Locales, Dari, "legal.prompt");
        Assert.Equal(TranslationState.MachineDraft, status.State);
        Assert.Equal(TranslationStatus.SourceHash(English("legal.prompt")), status.Record!.Source);
    }

    [Theory]
    [InlineData("directory.phone", "تیلفون: {1}", "placeholders {1} differ from the English {0}")]
    [InlineData("footer.main", "در خطر؟ به 991 زنگ بزنید.", "missing 911")]
    [InlineData("legal.prompt", "Free legal help:", "no Arabic letters")]
    [InlineData("legal.prompt", " ", "the text is empty")]
    public void Desk_ANewTextThatBreaksACheck_IsRefusedByKeyAndReason_AndNothingIsWritten(string key, string text, string reason)
    {
        _content.RemoveTexts(Dari, key);
        var before = _content.LocalesFingerprint();

        var result = Apply(new ReviewChange(key, text, Approve: true));

        var refusal = Assert.Single(result.Refused);
        Assert.Equal(key, refusal.Key);
        Assert.Contains(reason, refusal.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Rewritten);
        Assert.Equal(before, _content.LocalesFingerprint());
    }

    [Fact]
    public void Xliff_ExportsAMissingTextFirst_WithAnEmptyTargetThatNeedsTranslation_AndAnUnchangedRoundTripChangesNothing()
    {
        _content.RemoveTexts(Dari, "fear_say.1");
        var before = _content.LocalesFingerprint();

        var xliff = XliffExport.Write(Content, Dari, Now);
        var file = XliffFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(xliff)));
        var result = XliffImport.Apply(Content, file, null, Reviewer, Today, 4);

        var first = file.Units[0];
        Assert.Equal("fear_say.1", first.Id);
        Assert.Equal(English("fear_say.1"), first.Source);
        Assert.Equal("", first.Target);
        Assert.False(first.Reviewed);
        Assert.Matches("<trans-unit id=\"fear_say.1\" resname=\"fear_say.1\" approved=\"no\"[\\s\\S]*?<target xml:lang=\"fa-AF\" state=\"needs-translation\"[\\s\\S]*?State: missing", xliff);
        Assert.Empty(result.Refused);
        Assert.Empty(result.Rewritten);
        Assert.Equal(before, _content.LocalesFingerprint());
    }

    [Fact]
    public void Xliff_ATargetATranslatorFilledInTheirTool_IsAdded_AndTheEnglishATookCopiedInIsNot()
    {
        var dari = Content.Locales.Get(Dari).Texts["fear_say.1"];
        _content.RemoveTexts(Dari, "fear_say.1", "legal.prompt");
        var xliff = XliffExport.Write(Content, Dari, Now);
        // Poedit and OmegaT write the filled target with state="translated"; a tool that copies the source into the
        // target leaves it "needs-translation".
        var filled = ReplaceTarget(xliff, "fear_say.1", $"<target xml:lang=\"fa-AF\" state=\"translated\">{Xml(dari)}</target>");
        filled = ReplaceTarget(filled, "legal.prompt", $"<target xml:lang=\"fa-AF\" state=\"needs-translation\">{Xml(English("legal.prompt"))}</target>");

        var result = XliffImport.Apply(Content, XliffFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(filled))), null, Reviewer, Today, 4);

        Assert.Empty(result.Refused);
        Assert.Equal(["fear_say.1"], result.Rewritten);
        Assert.Equal(["fear_say.1"], result.Approved);
        var content = Content;
        Assert.Equal(dari, content.Locales.Get(Dari).Texts["fear_say.1"]);
        Assert.True(content.Translations.StatusOf(content.Locales, Dari, "fear_say.1").IsReviewed);
        Assert.Equal(TranslationState.Missing, content.Translations.StatusOf(content.Locales, Dari, "legal.prompt").State);
    }

    [Fact]
    public void Xliff_ANewTextWithABrokenPlaceholder_IsRefusedByKey()
    {
        _content.RemoveTexts(Dari, "directory.phone");
        var before = _content.LocalesFingerprint();
        var xliff = ReplaceTarget(XliffExport.Write(Content, Dari, Now), "directory.phone", "<target state=\"translated\">تیلفون: {1}</target>");

        var result = XliffImport.Apply(Content, XliffFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(xliff))), null, Reviewer, Today, 4);

        var refusal = Assert.Single(result.Refused);
        Assert.Equal("directory.phone", refusal.Key);
        Assert.Contains("placeholders {1} differ", refusal.Reason, StringComparison.Ordinal);
        Assert.Equal(before, _content.LocalesFingerprint());
    }

    /// <summary>The unit's &lt;target&gt; element (empty, as exported for a missing text) replaced by another.</summary>
    private static string ReplaceTarget(string xliff, string key, string target)
    {
        var start = xliff.IndexOf("<target", xliff.IndexOf($"<trans-unit id=\"{key}\"", StringComparison.Ordinal), StringComparison.Ordinal);
        var tagEnd = xliff.IndexOf('>', start);
        var end = xliff[tagEnd - 1] == '/' ? tagEnd + 1 : xliff.IndexOf("</target>", start, StringComparison.Ordinal) + "</target>".Length;
        return xliff[..start] + target + xliff[end..];
    }

    private static string Xml(string text) => System.Security.SecurityElement.Escape(text);
}
