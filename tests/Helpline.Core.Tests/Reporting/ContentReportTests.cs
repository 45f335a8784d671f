using Helpline.Core.Engine;
using System.Globalization;
using System.Text.RegularExpressions;
using Helpline.Core.Content;
using Helpline.Core.Localization;
using Helpline.Core.Reporting;

namespace Helpline.Core.Tests.Reporting;

public class ContentReportTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static string Report(ContentBundle content, DateOnly? today = null, int staleAfterDays = 180) =>
        ContentReport.Write(content, new ReportOptions { StaleAfterDays = staleAfterDays }, today ?? Today);

    [Fact]
    public void Write_ListsEveryLocaleWithItsReviewStatus()
    {
        var content = TestContent.Repo;
        var report = Report(content);

        foreach (var locale in content.Locales.Locales)
        {
            var cells = LocaleRow(report, locale.Culture);
            Assert.Equal(locale.Name, cells[1]);
            Assert.StartsWith(locale.Review.Status, cells[3], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_ReviewedLocale_ShowsReviewerAndDate()
    {
        using var temp = TestContent.EditedMinimal("locales/es.yaml", t => Replace(t,
            "review: { status: machine-draft }", "review: { status: reviewed, reviewed_by: Ana Pérez, date: 2026-10-02 }"));

        Assert.Equal("reviewed (Ana Pérez, 2026-10-02)", LocaleRow(Report(temp.Load()), "es")[3]);
    }

    [Fact]
    public void Write_MinimalFixture_CountsTheKeysSpanishLacksAsFallbacks()
    {
        var content = TestContent.Minimal;
        // Counted from the fixture, not by the code under test: its English has every text the helpline
        // says (the validator requires it) and, besides spoken ".voice" variants, one it never says.
        var used = content.Locales.English.Texts.Keys.Count(k => !k.EndsWith(ConversationEngine.VoiceSuffix, StringComparison.Ordinal) && k != "voice.call_organization");
        // Every one of the six texts es.yaml has is one a flow or the engine uses; everything else falls back.
        var spanishOwn = content.Locales.Get("es").Texts.Count;
        Assert.Equal(6, spanishOwn);

        var report = Report(content);

        var english = LocaleRow(report, "en");
        Assert.Equal($"{used}/{used} (100%)", english[4]);
        Assert.Equal("0", english[5]);
        var spanish = LocaleRow(report, "es");
        Assert.StartsWith($"{spanishOwn}/{used} (", spanish[4], StringComparison.Ordinal);
        Assert.Equal((used - spanishOwn).ToString(CultureInfo.InvariantCulture), spanish[5]);

        var listed = FallbackKeys(report, "es");
        Assert.Equal(used - spanishOwn, listed.Count);
        Assert.Contains("fear.2", listed);
        Assert.Contains("legal.prompt", listed);
        Assert.DoesNotContain("fear.1", listed);
        Assert.Empty(FallbackKeys(report, "en"));
    }

    [Fact]
    public void Write_KeyTranslated_IsNoLongerAFallback()
    {
        var before = FallbackKeys(Report(TestContent.Minimal), "es");
        using var temp = TestContent.EditedMinimal("locales/es.yaml", t => t + "  fear.2: \"Puede pedir un intérprete.\"\n");

        var after = FallbackKeys(Report(temp.Load()), "es");

        Assert.Equal(before.Count - 1, after.Count);
        Assert.DoesNotContain("fear.2", after);
    }

    [Fact]
    public void Write_FactVerifiedLongerAgoThanTheLimit_NeedsChecking()
    {
        // The fixture's fact was verified on 2026-10-01.
        Assert.DoesNotContain("`fear-referral`", Section(Report(TestContent.Minimal, new DateOnly(2026, 11, 25)), "### Needs checking"));

        var later = Section(Report(TestContent.Minimal, new DateOnly(2027, 6, 1)), "### Needs checking");
        Assert.Contains("- `fear-referral` (durable): last verified 2026-10-01, 243 days ago", later);

        var stricter = Section(Report(TestContent.Minimal, new DateOnly(2026, 11, 25), staleAfterDays: 30), "### Needs checking");
        Assert.Contains("`fear-referral`", stricter);
    }

    [Fact]
    public void Write_FactNeverVerified_NeedsChecking()
    {
        using var temp = TestContent.EditedMinimal("facts/facts.yaml", t => Replace(t, "verified: 2026-10-01", "verified: null"));

        var report = Report(temp.Load());

        Assert.Contains("- `fear-referral` (durable): never verified", Section(report, "### Needs checking"));
        Assert.Contains("| `fear-referral` | durable | uscis.gov | - | never | - |", report);
    }

    [Fact]
    public void Write_HiddenEntry_IsListedAsHiddenWithoutItsPhoneNumber()
    {
        // The fixture's hidden entry shares the verified entry's number; give it its own to tell them apart.
        using var temp = TestContent.EditedMinimal("directory/organizations.yaml", t => Replace(t,
            "  phone: 1-800-898-7180\n  source: an old leaflet", "  phone: 1-800-555-0100\n  source: an old leaflet"));

        var report = Report(temp.Load());

        var national = Section(report, "### National");
        Assert.Contains("| EOIR automated case information | verified | case-status | 1-800-898-7180 |", national);
        Assert.DoesNotContain("A line nobody has confirmed", national);
        Assert.Contains("| A line nobody has confirmed | national | case-status | verify-before-use | not yet confirmed", Section(report, "### Hidden from callers"));
        Assert.DoesNotContain("1-800-555-0100", report);
    }

    [Fact]
    public void Write_WebsiteOnlyEntry_ShowsItsWebsiteButNotItsPhone()
    {
        using var temp = TestContent.EditedMinimal("directory/organizations.yaml", t => Replace(t,
            "  status: verified", "  website: justice.gov/eoir\n  status: website-only"));

        var national = Section(Report(temp.Load()), "### National");

        Assert.Contains("| EOIR automated case information | website-only | case-status | - | justice.gov/eoir |", national);
        Assert.DoesNotContain("1-800-898-7180", national);
    }

    [Fact]
    public void Write_RegionsAreNationalFirstThenStatesAlphabetically()
    {
        var headings = Regex.Matches(Section(Report(TestContent.Repo), "## Legal-help directory by region"), @"^### (.+)$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["National", "AZ", "CA", "NM", "TX", "Hidden from callers"], headings);
    }

    [Fact]
    public void Write_PipeInACell_IsEscaped()
    {
        using var temp = TestContent.EditedMinimal("facts/facts.yaml", t => Replace(t, "  source: uscis.gov", "  source: \"uscis.gov | credible fear\""));

        Assert.Contains("| `fear-referral` | durable | uscis.gov \\| credible fear | - |", Report(temp.Load()));
    }

    [Fact]
    public void Write_SameContentAndDate_GiveTheSameReport()
    {
        var first = Report(TestContent.Repo);
        var fromAFreshLoad = Report(ContentLoader.Load(TestContent.RepoRoot));

        Assert.Equal(first, fromAFreshLoad);
        // Ages are counted from the date given, never from the clock.
        Assert.NotEqual(first, Report(TestContent.Repo, Today.AddDays(1)));
    }

    /// <summary>
    /// The committed report is regenerated with the date in its own header and compared in full. A
    /// content change without a new report fails here, which is the point: the report is only worth
    /// reading while it is current. The date comes from the file, so the test does not age with the calendar.
    /// </summary>
    [Fact]
    public void CommittedReport_IsCurrent()
    {
        var path = Path.Combine(TestContent.RepoRoot, "docs", "content-report.md");
        Assert.True(File.Exists(path), $"docs/content-report.md is missing: {ContentReport.RegenerateCommand}");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        var date = Regex.Match(committed, $@"^{Regex.Escape(ContentReport.GeneratedPrefix)}(\d{{4}}-\d{{2}}-\d{{2}})", RegexOptions.Multiline);
        Assert.True(date.Success, $"docs/content-report.md has no \"{ContentReport.GeneratedPrefix}yyyy-MM-dd\" line");

        var current = Report(TestContent.Repo, DateOnly.ParseExact(date.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture));

        var committedLines = committed.Split('\n');
        var currentLines = current.Split('\n');
        var differs = Enumerable.Range(0, Math.Max(committedLines.Length, currentLines.Length))
            .FirstOrDefault(i => i >= committedLines.Length || i >= currentLines.Length || committedLines[i] != currentLines[i], -1);
        Assert.True(differs < 0,
            $"docs/content-report.md is out of date; regenerate it: {ContentReport.RegenerateCommand}\n" +
            $"first difference at line {differs + 1}:\n  committed: {committedLines.ElementAtOrDefault(differs)}\n  current:   {currentLines.ElementAtOrDefault(differs)}");
    }

    // --- reading the Markdown ---------------------------------------------------------------------------

    private static string Replace(string text, string find, string replace)
    {
        Assert.Contains(find, text);
        return text.Replace(find, replace, StringComparison.Ordinal);
    }

    /// <summary>The cells of a locale's row in the languages table, without the culture's backticks.</summary>
    private static string[] LocaleRow(string report, string culture)
    {
        var line = Assert.Single(report.Split('\n'), l => l.StartsWith($"| `{culture}` |", StringComparison.Ordinal));
        var cells = line.Trim('|').Split(" | ").Select(c => c.Trim()).ToArray();
        cells[0] = cells[0].Trim('`');
        return cells;
    }

    private static List<string> FallbackKeys(string report, string culture)
    {
        var line = Section(report, "### Fallbacks to English").Split('\n').FirstOrDefault(l => l.StartsWith($"- `{culture}` (", StringComparison.Ordinal));
        if (line is null) return [];
        return [.. line[(line.IndexOf("): ", StringComparison.Ordinal) + 3)..].Split(", ").Select(k => k.Trim('`'))];
    }

    /// <summary>From a heading to the next heading of the same or a higher level.</summary>
    private static string Section(string report, string heading)
    {
        var start = report.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no \"{heading}\" in the report");
        var level = heading.TakeWhile(c => c == '#').Count();
        var next = Regex.Match(report[(start + heading.Length)..], $@"^#{{1,{level}}} ", RegexOptions.Multiline);
        return next.Success ? report.Substring(start, heading.Length + next.Index) : report[start..];
    }
}
