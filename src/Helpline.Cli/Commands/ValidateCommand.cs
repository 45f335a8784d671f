using Helpline.Core.Validation;

namespace Helpline.Cli.Commands;

public static class ValidateCommand
{
    public static int Run(CliArgs args)
    {
        if (args.Get("stale") is { } stale && stale is not ("refuse" or "flag"))
        {
            Console.Error.WriteLine($"error: --stale must be refuse or flag, not '{stale}'");
            return 2;
        }
        var content = args.LoadContent();
        if (content is null) return 1;
        var options = new ValidationOptions
        {
            SmsSegmentBudget = args.GetInt("budget", 4),
            StaleAfterDays = args.GetInt("stale-days", 180),
            Production = args.Has("production"),
            StaleInProduction = args.Get("stale") == "flag" ? StaleContentMode.Flag : StaleContentMode.Refuse,
            MarkLanguagesUnderReview = args.Has("mark-under-review"),
        };
        var findings = new ContentValidator(options).Validate(content);
        var shown = args.Has("verbose") ? findings : findings.Where(f => f.Severity > Severity.Info);
        foreach (var finding in shown.OrderByDescending(f => f.Severity).ThenBy(f => f.File, StringComparer.Ordinal))
            Console.WriteLine(finding);

        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        Console.WriteLine($"{content.Flows.Count} flows, {content.Locales.Locales.Count} locales, {content.Directory.All.Count} directory entries, {content.Facts.Count} facts: {errors} errors, {warnings} warnings");
        return errors == 0 ? 0 : 1;
    }
}
