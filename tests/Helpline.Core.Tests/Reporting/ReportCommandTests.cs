using Helpline.Cli.Commands;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Core.Tests.Reporting;

public class ReportCommandTests
{
    // Late in the evening west of UTC it is already the next day in UTC: the report takes the UTC date.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.FromHours(-7)));

    [Fact]
    public void Report_WithoutOut_WritesTheMarkdownToStandardOutput()
    {
        var output = new StringWriter();

        var exit = ReportCommand.Run(CliArgs.Parse(["--root", TestContent.MinimalRoot]), _clock, output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.StartsWith("# Helpline content report", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Generated on 2026-11-26 (UTC)", output.ToString());
    }

    [Fact]
    public void Report_WithOut_CreatesTheFolderAndWritesTheFile()
    {
        using var temp = new TempContent(TestContent.MinimalRoot);
        var file = Path.Combine(temp.Root, "docs", "content-report.md");
        var output = new StringWriter();

        var exit = ReportCommand.Run(CliArgs.Parse(["--root", temp.Root, "--out", file, "--stale-days", "30"]), _clock, output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Equal($"wrote {file}", output.ToString().Trim());
        var report = File.ReadAllText(file);
        Assert.Contains("Generated on 2026-11-26 (UTC)", report);
        // 2026-10-01 is 56 days before: stale only because of --stale-days 30.
        Assert.Contains("- `fear-referral` (durable): last verified 2026-10-01, 56 days ago", report);
    }

    [Fact]
    public void Report_ContentThatCannotLoad_ExitsNonZero()
    {
        using var temp = new TempContent(TestContent.MinimalRoot);
        System.IO.Directory.Delete(Path.Combine(temp.Root, "facts"), recursive: true);

        Assert.Equal(1, ReportCommand.Run(CliArgs.Parse(["--root", temp.Root]), _clock, new StringWriter(), new StringWriter()));
    }
}
