using System.Globalization;
using System.Text;
using Helpline.Core.Content;
using Helpline.Core.Directory;
using Helpline.Core.Flows;
using Helpline.Core.Localization;
using Helpline.Core.Validation;

namespace Helpline.Core.Reporting;

public sealed class ReportOptions
{
    public int SmsSegmentBudget { get; set; } = 4;
    /// <summary>A fact last verified longer ago than this (or never) needs checking.</summary>
    public int StaleAfterDays { get; set; } = 180;
}

/// <summary>
/// The content report (helpline report): for the people who look after the content rather than the code, what
/// each language covers and costs, which facts need checking, what callers in each region are shown, and
/// what the validator says. A pure function of the content and a date, so the same content and date
/// always give the same Markdown and a committed report can be checked for being current.
/// </summary>
public static partial class ContentReport
{
    public const string RegenerateCommand = "dotnet run --project src/Helpline.Cli -- report --out docs/content-report.md";

    /// <summary>The header line a committed report's date is read back from.</summary>
    public const string GeneratedPrefix = "Generated on ";

    public static string Write(ContentBundle content, ReportOptions options, DateOnly today)
    {
        var locales = LocaleFigures.Measure(content);
        var findings = new ContentValidator(new ValidationOptions
        {
            SmsSegmentBudget = options.SmsSegmentBudget,
            StaleAfterDays = options.StaleAfterDays,
            Today = today,
        }).Validate(content);
        var facts = content.Facts.Select(f => (Fact: f, Age: VerifiedAge.Of(f.Verified, today, options.StaleAfterDays))).ToList();

        var md = new StringBuilder();
        Header(md, content, options, today, locales, facts, findings);
        Languages(md, options, locales);
        Translations(md, content);
        CostReport.Write(md, content, options.SmsSegmentBudget);
        Facts(md, options, facts);
        VerifyNext(md, content, options, today);
        DirectoryByRegion(md, content, options, today);
        Validation(md, options, findings);
        return md.ToString().TrimEnd('\n') + "\n";
    }

    // --- sections ----------------------------------------------------------------------------------

    private static void Header(StringBuilder md, ContentBundle content, ReportOptions options, DateOnly today,
        IReadOnlyList<LocaleFigures> locales, List<(Fact Fact, VerifiedAge Age)> facts, IReadOnlyList<Finding> findings)
    {
        var nodes = content.Flows.Sum(f => f.Nodes.Count);
        var answers = content.Flows.Sum(f => f.Nodes.Count(n => n.Kind == NodeKinds.Answer));
        var shown = content.Directory.All.Count(o => o.IsShown);
        var drafts = locales.Count(l => l.Locale.Review.Status == "machine-draft");

        md.AppendLine("# Helpline content report");
        md.AppendLine();
        md.AppendLine($"{GeneratedPrefix}{Date(today)} (UTC) from `flows/`, `locales/`, `directory/` and `facts/`. Do not edit it by hand; regenerate it after a content change:");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine(RegenerateCommand);
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine($"- {Count(content.Flows.Count, "flow")}, {Count(nodes, "node")}, {Count(answers, "answer")}");
        md.AppendLine($"- {Count(locales.Count, "language")}, {drafts} of them machine drafts");
        md.AppendLine($"- {Count(content.Directory.All.Count, "directory entry", "directory entries")}: {shown} shown to callers, {content.Directory.All.Count - shown} hidden");
        md.AppendLine($"- {Count(facts.Count, "fact")}, {facts.Count(f => f.Age.NeedsChecking)} needing checking (never verified, or verified more than {options.StaleAfterDays} days ago)");
        md.AppendLine($"- validation: {Count(findings.Count(f => f.Severity == Severity.Error), "error")}, {Count(findings.Count(f => f.Severity == Severity.Warning), "warning")}");
        md.AppendLine();
    }

    private static void Languages(StringBuilder md, ReportOptions options, IReadOnlyList<LocaleFigures> locales)
    {
        var budget = options.SmsSegmentBudget;
        md.AppendLine("## Languages");
        md.AppendLine();
        md.AppendLine("Coverage counts the text keys the flows, the engine and the shown directory entries use; a key a language lacks is said in English. " +
            $"SMS figures are over each language's own texts that can be sent by SMS (not `voice.*`, `web.*` or `*.voice`), each measured alone; " +
            $"a reply is paged to at most {budget} segments. Voice: how many call prompts are recorded by a person, recorded but stale (the text changed since), spoken by Twilio, " +
            "espeak-ng stand-ins (synthetic, until a person records them; Pashto's are read by espeak-ng's Persian voice, which has no Pashto), or missing, " +
            "and the seconds of audio in the files a call can play.");
        md.AppendLine();
        Row(md, "Culture", "Name", "Direction", "Review", "Coverage", "Fallbacks", "SMS encoding", "Largest (segments)", "Median", $"Over {budget} segments", "Voice: recorded / stale / Twilio / stand-in / missing", "Audio (s)");
        Rule(md, 12);
        foreach (var figures in locales)
        {
            var locale = figures.Locale;
            var largest = figures.Largest;
            Row(md,
                Code(locale.Culture),
                locale.Name,
                locale.Direction,
                Review(locale),
                $"{figures.Translated}/{figures.UsedKeys} ({Percent(figures.Translated, figures.UsedKeys)})",
                figures.Fallbacks.Count.ToString(CultureInfo.InvariantCulture),
                Encoding(figures),
                largest is null ? "-" : $"{largest.Segments} ({Code(largest.Key)})",
                figures.MedianSegments.ToString("0.#", CultureInfo.InvariantCulture),
                figures.OverBudget(budget).Count().ToString(CultureInfo.InvariantCulture),
                $"{figures.Voice.Recorded} / {figures.Voice.Stale} / {figures.Voice.Tts} / {figures.Voice.StandIn} / {figures.Voice.Missing}",
                figures.Voice.AudioSeconds.ToString("0", CultureInfo.InvariantCulture));
        }
        md.AppendLine();

        md.AppendLine("### Fallbacks to English");
        md.AppendLine();
        var withFallbacks = locales.Where(l => l.Fallbacks.Count > 0).ToList();
        if (withFallbacks.Count == 0) md.AppendLine("None: every language has its own text for every key used.");
        foreach (var figures in withFallbacks)
            md.AppendLine($"- {Code(figures.Locale.Culture)} ({figures.Fallbacks.Count}): {string.Join(", ", figures.Fallbacks.Select(Code))}");
        md.AppendLine();

        var over = locales.Where(l => l.OverBudget(budget).Any()).ToList();
        if (over.Count > 0)
        {
            md.AppendLine($"### Texts over {budget} SMS segments");
            md.AppendLine();
            md.AppendLine("Each is split across pages; shorter is cheaper.");
            md.AppendLine();
            foreach (var figures in over)
                md.AppendLine($"- {Code(figures.Locale.Culture)}: {string.Join(", ", figures.OverBudget(budget).Select(t => $"{Code(t.Key)} ({t.Segments})"))}");
            md.AppendLine();
        }

        // Only where a language could be written in GSM-7: in an all-UCS-2 script every letter would be listed.
        var mixed = locales.Where(l => l.Gsm7Texts > 0 && l.Ucs2Texts > 0).ToList();
        if (mixed.Count > 0)
        {
            md.AppendLine("### Characters that make a text UCS-2");
            md.AppendLine();
            md.AppendLine("One character outside GSM-7 makes the whole message UCS-2: 70 characters a segment instead of 160 " +
                "(67 instead of 153 when split). In languages mostly written in GSM-7, these characters are why some texts cost more:");
            md.AppendLine();
            foreach (var figures in mixed)
            {
                var characters = figures.Ucs2Characters();
                var shown = string.Join(" ", characters.Take(12).Select(Character));
                md.AppendLine($"- {Code(figures.Locale.Culture)} ({figures.Ucs2Texts} of {figures.SmsTexts.Count} texts): {shown}{(characters.Count > 12 ? " ..." : "")}");
            }
            md.AppendLine();
        }
    }

    private static void Facts(StringBuilder md, ReportOptions options, List<(Fact Fact, VerifiedAge Age)> facts)
    {
        md.AppendLine("## Facts");
        md.AppendLine();
        md.AppendLine("Everything the helpline states comes from `facts/facts.yaml`. Age is days since a person last verified the fact against a dated source.");
        md.AppendLine();
        Row(md, "Fact", "Kind", "Source", "Source date", "Verified", "Age (days)");
        Rule(md, 6);
        foreach (var (fact, age) in facts)
            Row(md, Code(fact.Id), fact.Kind, fact.Source, fact.SourceDate ?? "-", fact.Verified ?? "never", age.Days?.ToString(CultureInfo.InvariantCulture) ?? "-");
        md.AppendLine();

        md.AppendLine("### Needs checking");
        md.AppendLine();
        var stale = facts.Where(f => f.Age.NeedsChecking).ToList();
        if (stale.Count == 0) md.AppendLine($"Nothing: every fact was verified in the last {options.StaleAfterDays} days.");
        else
        {
            md.AppendLine($"Never verified, or verified more than {options.StaleAfterDays} days ago: confirm each against a current source and update `verified`.");
            md.AppendLine();
        }
        foreach (var (fact, age) in stale)
            md.AppendLine($"- {Code(fact.Id)} ({fact.Kind}): {age.Why}");
        md.AppendLine();
    }

    private static void DirectoryByRegion(StringBuilder md, ContentBundle content, ReportOptions options, DateOnly today)
    {
        md.AppendLine("## Legal-help directory by region");
        md.AppendLine();
        md.AppendLine("What a texter or caller is shown, as they are shown it: a list gives the region's own entries and then the national ones. " +
            "Only verified entries show a phone number (and only those can be dialed); website-only entries show their website alone.");
        md.AppendLine();

        var needChecking = content.Directory.All.Where(o => o.IsShown && VerifiedAge.Of(o.Verified, today, options.StaleAfterDays).NeedsChecking).ToList();
        if (needChecking.Count > 0)
        {
            md.AppendLine($"Shown entries never verified, or verified more than {options.StaleAfterDays} days ago: " +
                $"{string.Join(", ", needChecking.Select(o => Code(o.Id)))}. Confirm each against its source and update `verified`.");
            md.AppendLine();
        }

        foreach (var region in Regions(content))
        {
            var entries = content.Directory.All.Where(o => o.IsShown && o.Regions.Contains(region, StringComparer.OrdinalIgnoreCase)).ToList();
            md.AppendLine(region == LegalDirectory.National ? "### National" : $"### {region}");
            md.AppendLine();
            if (entries.Count == 0)
            {
                md.AppendLine("No entry is shown for this region: people here get the national entries only.");
                md.AppendLine();
                continue;
            }
            Row(md, "Organization", "Status", "Needs", "Phone", "Website", "Verified");
            Rule(md, 6);
            foreach (var o in entries)
                Row(md, o.Name, o.Status, string.Join(", ", o.Needs), ShownPhone(o), o.Website ?? "-", o.Verified ?? "never");
            md.AppendLine();
        }

        md.AppendLine("### Hidden from callers");
        md.AppendLine();
        var hidden = content.Directory.All.Where(o => !o.IsShown).ToList();
        if (hidden.Count == 0)
        {
            md.AppendLine("None.");
            md.AppendLine();
            return;
        }
        // Their numbers are left out here too: an unconfirmed number copied from a report is as harmful as one read out.
        Row(md, "Organization", "Regions", "Needs", "Status", "Why hidden", "Notes");
        Rule(md, 6);
        foreach (var o in hidden)
            Row(md, o.Name, string.Join(", ", o.Regions), string.Join(", ", o.Needs), o.Status, WhyHidden(o), o.Notes ?? "-");
        md.AppendLine();
    }

    private static void Validation(StringBuilder md, ReportOptions options, IReadOnlyList<Finding> findings)
    {
        var errors = findings.Where(f => f.Severity == Severity.Error).ToList();
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        md.AppendLine("## Validation");
        md.AppendLine();
        md.AppendLine($"`helpline validate --budget {options.SmsSegmentBudget} --stale-days {options.StaleAfterDays}` on the same content and date: " +
            $"{Count(errors.Count, "error")}, {Count(warnings, "warning")}. Run it for the warnings.");
        md.AppendLine();
        if (errors.Count == 0) md.AppendLine("Errors: none.");
        foreach (var error in errors) md.AppendLine($"- {Inline(error.ToString())}");
    }

    // --- pieces --------------------------------------------------------------------------------------

    /// <summary>National first (every list includes it), then every state an entry or a region menu names, alphabetically.</summary>
    private static List<string> Regions(ContentBundle content)
    {
        var offered = content.Flows.SelectMany(f => f.Nodes).Where(n => n.Kind == NodeKinds.RegionMenu)
            .SelectMany(n => n.Options).Select(o => o.Region).OfType<string>();
        var states = content.Directory.All.SelectMany(o => o.Regions).Concat(offered)
            .Where(r => r != LegalDirectory.National && r != UsRegions.Other)
            .Select(r => r.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal);
        return [LegalDirectory.National, .. states];
    }

    private static string ShownPhone(Organization o)
    {
        if (o.ShownPhone is null) return "-";
        return o.ShownSpeedDial is { } code ? $"{o.ShownPhone} (from detention: {code})" : o.ShownPhone;
    }

    private static string WhyHidden(Organization o) => o.Status switch
    {
        OrganizationStatus.VerifyBeforeUse => "not yet confirmed against a current source",
        OrganizationStatus.NotShown => "not to be shown to callers",
        OrganizationStatus.DoNotList => "never to be listed",
        _ => $"unknown status '{o.Status}'",
    };

    private static string Review(Locale locale)
    {
        var review = locale.Review;
        var details = new[] { review.ReviewedBy, review.Date }.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        return details.Count == 0 ? review.Status : $"{review.Status} ({string.Join(", ", details)})";
    }

    private static string Encoding(LocaleFigures figures)
    {
        var total = figures.SmsTexts.Count;
        if (total == 0) return "-";
        if (figures.Ucs2Texts == 0) return "100% GSM-7";
        if (figures.Gsm7Texts == 0) return "100% UCS-2";
        // Both are present, so neither may round to 0% or 100%.
        var ucs2 = Math.Clamp((int)Math.Round(100.0 * figures.Ucs2Texts / total, MidpointRounding.AwayFromZero), 1, 99);
        return $"{100 - ucs2}% GSM-7, {ucs2}% UCS-2";
    }

    /// <summary>Rounded down, so that 100% means nothing is missing.</summary>
    private static string Percent(int part, int whole) =>
        whole == 0 ? "-" : $"{(int)Math.Floor(100.0 * part / whole)}%";

    private static string Count(int n, string one, string? many = null) =>
        $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? one : many ?? one + "s")}";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Code(string text) => $"`{text}`";

    /// <summary>A character as an editor can find it: itself, and its code point when it is hard to see.</summary>
    private static string Character(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format
            ? $"U+{(int)c:X4}"
            : $"{c} (U+{(int)c:X4})";

    private static void Row(StringBuilder md, params string[] cells) =>
        md.AppendLine("| " + string.Join(" | ", cells.Select(Inline)) + " |");

    private static void Rule(StringBuilder md, int columns) =>
        md.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", columns)));

    /// <summary>Table cells and list items stay on one line, and a "|" in a cell must not end it.</summary>
    private static string Inline(string text) =>
        text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
}

/// <summary>How long ago something was verified against its source, and whether that is too long ago.</summary>
internal sealed record VerifiedAge(int? Days, bool NeedsChecking, string Why)
{
    public static VerifiedAge Of(string? verified, DateOnly today, int staleAfterDays)
    {
        if (verified is null) return new(null, true, "never verified against a dated source");
        if (!DateOnly.TryParseExact(verified, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new(null, true, $"verified '{verified}' is not a yyyy-MM-dd date");
        var days = today.DayNumber - date.DayNumber;
        return days > staleAfterDays ? new(days, true, $"last verified {verified}, {days} days ago") : new(days, false, "");
    }
}
