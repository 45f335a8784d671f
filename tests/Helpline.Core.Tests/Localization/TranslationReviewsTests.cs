using Helpline.Cli.Commands;
using Helpline.Core.Localization;
using Helpline.Core.Reporting;
using Helpline.Core.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Core.Tests.Localization;

/// <summary>Each translated text knows which English it translates; when the English changes it is stale until re-translated or re-approved.</summary>
public class TranslationReviewsTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public void MarkMachineDraft_UntrackedTexts_BecomeDraftsOfTheCurrentEnglish()
    {
        using var temp = new TempContent(TestContent.MinimalRoot);
        var before = temp.Load();
        Assert.Equal(TranslationState.Untracked, before.Translations.StatusOf(before.Locales, "es", "fear.1").State);

        var marked = TranslationReviews.MarkMachineDraft(temp.Root, before.Locales, "es", null, Today);

        var after = temp.Load();
        Assert.Contains("fear.1", marked);
        var status = after.Translations.StatusOf(after.Locales, "es", "fear.1");
        Assert.Equal(TranslationState.MachineDraft, status.State);
        Assert.Equal(TranslationStatus.SourceHash(after.Locales.English.Texts["fear.1"]), status.Record!.Source);
        Assert.Equal("2026-12-01", status.Record.Date);
    }

    [Fact]
    public void EnglishChanges_TranslationIsStale_InTheValidatorAndTheReport()
    {
        using var temp = Tracked();
        ChangeEnglish(temp, "fear.1", "Tell the officer clearly that you are afraid, in your own words.");

        var content = temp.Load();
        Assert.Equal(TranslationState.Stale, content.Translations.StatusOf(content.Locales, "es", "fear.1").State);
        var stale = Assert.Single(new ContentValidator(new() { Today = Today }).Validate(content), f => f.Message.StartsWith("stale translation", StringComparison.Ordinal));
        Assert.Equal(Severity.Warning, stale.Severity);
        Assert.Equal(("locales/es.yaml", "fear.1"), (stale.File, stale.Where));
        Assert.Contains("stale (1): `fear.1`", ContentReport.Write(content, new ReportOptions(), Today));
    }

    [Fact]
    public void Approve_StaleText_IsReviewedAgainstTheNewEnglish()
    {
        using var temp = Tracked();
        ChangeEnglish(temp, "fear.1", "Tell the officer clearly that you are afraid, in your own words.");

        TranslationReviews.Approve(temp.Root, temp.Load().Locales, "es", ["fear.1"], "Ana Pérez", Today);

        var content = temp.Load();
        var status = content.Translations.StatusOf(content.Locales, "es", "fear.1");
        Assert.Equal(TranslationState.Reviewed, status.State);
        Assert.Equal("Ana Pérez", status.Record!.ReviewedBy);
        Assert.DoesNotContain(new ContentValidator(new() { Today = Today }).Validate(content), f => f.Where == "fear.1" && f.File == "locales/es.yaml");
    }

    [Fact]
    public void MarkMachineDraft_WithoutKeys_NeverDowngradesAReviewedText()
    {
        using var temp = Tracked();
        TranslationReviews.Approve(temp.Root, temp.Load().Locales, "es", ["fear.1"], "Ana Pérez", Today);

        var marked = TranslationReviews.MarkMachineDraft(temp.Root, temp.Load().Locales, "es", null, Today);

        Assert.Empty(marked);
        var content = temp.Load();
        Assert.Equal(TranslationState.Reviewed, content.Translations.StatusOf(content.Locales, "es", "fear.1").State);
    }

    [Fact]
    public void Validate_UntrackedTranslation_IsAWarning()
    {
        var untracked = new ContentValidator(new() { Today = Today }).Validate(TestContent.Minimal)
            .Where(f => f.File == "locales/es.yaml" && f.Message.StartsWith("no review record", StringComparison.Ordinal)).ToList();

        Assert.Contains(untracked, f => f.Where == "fear.1" && f.Severity == Severity.Warning);
    }

    [Fact]
    public void Validate_ReviewedWithoutReviewer_IsAnError()
    {
        using var temp = Tracked();
        var file = TranslationReviews.FileOf(temp.Root, "es");
        File.WriteAllText(file, File.ReadAllText(file).Replace("status: machine-draft", "status: reviewed", StringComparison.Ordinal));

        var errors = new ContentValidator(new() { Today = Today }).Validate(temp.Load()).Where(f => f.Severity == Severity.Error).ToList();

        Assert.Contains(errors, e => e.File == "locales/review/es.yaml" && e.Message.Contains("needs reviewed_by", StringComparison.Ordinal));
    }

    [Fact]
    public void Serving_WithoutMachineDrafts_UnreviewedTextsFallBackToEnglish()
    {
        using var temp = Tracked();
        TranslationReviews.Approve(temp.Root, temp.Load().Locales, "es", ["fear.1"], "Ana Pérez", Today);
        var content = temp.Load();

        var served = TranslationServing.Apply(content, serveMachineDrafts: false);

        Assert.Equal(content.Locales.Get("es").Texts["fear.1"], served.Locales.Text("es", "fear.1"));
        Assert.Equal(content.Locales.English.Texts["main.prompt"], served.Locales.Text("es", "main.prompt"));
        Assert.Same(content, TranslationServing.Apply(content, serveMachineDrafts: true));
    }

    [Fact]
    public void Report_ListsWhatACallerGetsUnreviewed()
    {
        using var temp = Tracked();
        TranslationReviews.Approve(temp.Root, temp.Load().Locales, "es", ["fear.1"], "Ana Pérez", Today);

        var report = ContentReport.Write(temp.Load(), new ReportOptions(), Today);

        var line = Assert.Single(report.Split('\n'), l => l.StartsWith("- Spanish (`es`): ", StringComparison.Ordinal));
        Assert.Contains("machine drafts (", line);
        Assert.Contains("`main.prompt`", line);
        Assert.DoesNotContain("`fear.1`", line);
    }

    [Fact]
    public void TranslationsCommand_ApproveAndStatus_WorkFromTheCommandLine()
    {
        using var temp = Tracked();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var output = new StringWriter();

        Assert.Equal(0, TranslationsCommand.Run(CliArgs.Parse(["approve", "--root", temp.Root, "--culture", "es", "--by", "Ana Pérez", "--keys", "fear.1"]), clock, output, new StringWriter()));
        Assert.Equal(0, TranslationsCommand.Run(CliArgs.Parse(["status", "--root", temp.Root, "--culture", "es"]), clock, output, new StringWriter()));

        Assert.Contains("es: 1 reviewed by Ana Pérez", output.ToString());
        Assert.Contains("es: 1 reviewed, ", output.ToString());
        // Approving without saying who is refused.
        Assert.Equal(2, TranslationsCommand.Run(CliArgs.Parse(["approve", "--root", temp.Root, "--culture", "es", "--keys", "fear.1"]), clock, new StringWriter(), new StringWriter()));
    }

    private static TempContent Tracked()
    {
        var temp = new TempContent(TestContent.MinimalRoot);
        TranslationReviews.MarkMachineDraft(temp.Root, temp.Load().Locales, "es", null, Today);
        return temp;
    }

    private static void ChangeEnglish(TempContent temp, string key, string text)
    {
        var path = Path.Combine(temp.Root, "locales", "en.yaml");
        var lines = File.ReadAllLines(path).Select(l => l.StartsWith($"  {key}: ", StringComparison.Ordinal) ? $"  {key}: \"{text}\"" : l);
        File.WriteAllLines(path, lines);
    }
}
