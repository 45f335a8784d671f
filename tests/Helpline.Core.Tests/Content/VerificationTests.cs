using Helpline.Cli.Commands;
using Helpline.Core.Content;
using Helpline.Core.Reporting;
using Helpline.Core.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Core.Tests.Content;

/// <summary>Verification is recorded, not implied: who checked a fact or an entry, when, against which source.</summary>
public class VerificationTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void VerifyCommand_Fact_SetsTheDateKeepsTheFileAndAppendsTheHistory()
    {
        using var temp = new TempContent(TestContent.MinimalRoot);
        var before = File.ReadAllText(Path.Combine(temp.Root, "facts", "facts.yaml"));
        var output = new StringWriter();

        var exit = VerifyCommand.Run(CliArgs.Parse(["fact", "fear-referral", "--root", temp.Root, "--by", "Maria Lopez", "--source", "uscis.gov credible fear Q&A, read 2026-12-01"]), _clock, output, new StringWriter());

        Assert.Equal(0, exit);
        var after = File.ReadAllText(Path.Combine(temp.Root, "facts", "facts.yaml"));
        Assert.Equal(before.Replace("verified: 2026-10-01", "verified: 2026-12-01", StringComparison.Ordinal), after);
        var record = Assert.Single(VerificationLog.Read(temp.Root));
        Assert.Equal(new VerificationRecord("fact", "fear-referral", "2026-12-01", "Maria Lopez", "uscis.gov credible fear Q&A, read 2026-12-01", null), record);
    }

    [Fact]
    public void VerifyCommand_TwiceOnAnEntry_KeepsBothInTheHistory()
    {
        using var temp = new TempContent(TestContent.MinimalRoot);
        VerifyCommand.Run(CliArgs.Parse(["entry", "eoir", "--root", temp.Root, "--by", "A", "--source", "called the line", "--date", "2026-11-02"]), _clock, new StringWriter(), new StringWriter());
        VerifyCommand.Run(CliArgs.Parse(["entry", "eoir", "--root", temp.Root, "--by", "B \"the lead\"", "--source", "justice.gov/eoir", "--note", "same number"]), _clock, new StringWriter(), new StringWriter());

        var history = VerificationLog.Read(temp.Root);
        Assert.Equal(["2026-11-02", "2026-12-01"], history.Select(r => r.Verified));
        Assert.Equal("B \"the lead\"", history[1].By);
        Assert.Equal("2026-12-01", temp.Load().Directory.Get("eoir")!.Verified);
    }

    [Theory]
    [InlineData("fact", "made-up", "--by", "A", "--source", "S")]
    [InlineData("fact", "fear-referral", "--source", "S")]
    [InlineData("fact", "fear-referral", "--by", "A")]
    [InlineData("entry", "eoir", "--by", "A", "--source", "S", "--date", "2027-01-01")]
    [InlineData("entry", "eoir", "--by", "A", "--source", "S", "--date", "yesterday")]
    [InlineData("rumour", "eoir", "--by", "A", "--source", "S")]
    public void VerifyCommand_WithoutWhoWhatOrWhen_ChangesNothing(params string[] args)
    {
        using var temp = new TempContent(TestContent.MinimalRoot);
        var facts = File.ReadAllText(Path.Combine(temp.Root, "facts", "facts.yaml"));

        var exit = VerifyCommand.Run(CliArgs.Parse([.. args, "--root", temp.Root]), _clock, new StringWriter(), new StringWriter());

        Assert.Equal(2, exit);
        Assert.Equal(facts, File.ReadAllText(Path.Combine(temp.Root, "facts", "facts.yaml")));
        Assert.False(File.Exists(VerificationLog.PathOf(temp.Root)));
    }

    [Fact]
    public void Validate_VerifiedDateWithoutHistory_IsAWarning()
    {
        var findings = new ContentValidator(new() { Today = Today }).Validate(TestContent.Minimal);

        Assert.Contains(findings, f => f.Severity == Severity.Warning && f.Where == "fact 'fear-referral'" && f.Message.Contains("has no record of who checked it", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateProduction_AnswerWithAStaleFact_IsRefused()
    {
        using var temp = new TempContent(TestContent.MinimalRoot);
        var options = new ValidationOptions { Today = Today, StaleAfterDays = 30, Production = true };

        var errors = new ContentValidator(options).Validate(temp.Load()).Where(f => f.Severity == Severity.Error).ToList();

        // fear-referral was verified 2026-10-01: 61 days before, past a 30-day limit.
        Assert.Contains(errors, e => e.File == "flows/main.yaml" && e.Where == "node 'fear'" && e.Message.StartsWith("refused in production", StringComparison.Ordinal) && e.Message.Contains("'fear-referral'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Where == "entry 'eoir'");
        // Outside production the same content is only warned about.
        Assert.DoesNotContain(new ContentValidator(new() { Today = Today, StaleAfterDays = 30 }).Validate(temp.Load()), f => f.Severity == Severity.Error);
    }

    [Fact]
    public void ValidateProduction_FlagSetting_FlagsInsteadOfRefusing()
    {
        var options = new ValidationOptions { Today = Today, StaleAfterDays = 30, Production = true, StaleInProduction = StaleContentMode.Flag };

        var findings = new ContentValidator(options).Validate(TestContent.Minimal);

        Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
        Assert.Contains(findings, f => f.Severity == Severity.Warning && f.Where == "node 'fear'" && f.Message.StartsWith("FLAGGED in production", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateProduction_FreshlyVerifiedFacts_PassTheCommand()
    {
        using var temp = new TempContent(TestContent.MinimalRoot);
        VerifyCommand.Run(CliArgs.Parse(["fact", "fear-referral", "--root", temp.Root, "--by", "A", "--source", "uscis.gov"]), _clock, new StringWriter(), new StringWriter());
        VerifyCommand.Run(CliArgs.Parse(["entry", "eoir", "--root", temp.Root, "--by", "A", "--source", "justice.gov/eoir"]), _clock, new StringWriter(), new StringWriter());

        var findings = new ContentValidator(new() { Today = Today, StaleAfterDays = 30, Production = true }).Validate(temp.Load());

        Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
    }

    [Fact]
    public void Report_WhatToVerifyNext_ListsNeverVerifiedFirstThenOldestFirst()
    {
        using var temp = new TempContent(TestContent.MinimalRoot);
        File.AppendAllText(Path.Combine(temp.Root, "facts", "facts.yaml"), """

            - id: newer
              kind: durable
              statement: Something checked last month.
              source: somewhere
              verified: 2026-11-01
            - id: never
              kind: durable
              statement: Something never checked.
              source: somewhere else
              verified: null
            """);

        var report = ContentReport.Write(temp.Load(), new ReportOptions(), Today);

        var section = report[report.IndexOf("## What to verify next", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", StringComparison.Ordinal)];
        var order = new[] { "`never`", "`eoir`", "`fear-referral`", "`newer`" }.Select(id => section.IndexOf(id, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }
}
