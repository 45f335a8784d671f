using Helpline.Core.Content;
using Helpline.Core.Localization;
using Helpline.Core.Validation;

namespace Helpline.Cli.Commands;

/// <summary>
/// helpline translations status|mark|approve: the review state of each translated text (locales/review/).
/// mark records texts as machine drafts of the current English (after translating or re-translating them);
/// approve records that a native speaker reviewed them.
/// </summary>
public static class TranslationsCommand
{
    private const string Usage = """
        usage: helpline translations status [--culture C] [--verbose]
               helpline translations mark [--culture C] [--keys K1,K2]
               helpline translations approve --culture C --by NAME (--keys K1,K2 | --all)
        """;

    public static int Run(CliArgs args) => Run(args, TimeProvider.System, Console.Out, Console.Error);

    public static int Run(CliArgs args, TimeProvider time, TextWriter output, TextWriter errors)
    {
        var content = args.LoadContent();
        if (content is null) return 1;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var cultures = args.Get("culture") is { } one ? [one] : content.Locales.Locales.Where(l => !ReferenceEquals(l, content.Locales.English)).Select(l => l.Culture).ToList();
        var keys = args.Get("keys")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        try
        {
            switch (args.Positional.FirstOrDefault())
            {
                case "status":
                    Status(content, cultures, args.Has("verbose"), output);
                    return 0;
                case "mark":
                    foreach (var culture in cultures)
                    {
                        var marked = TranslationReviews.MarkMachineDraft(content.Root, content.Locales, culture, keys, today);
                        output.WriteLine($"{culture}: {marked.Count} marked machine draft{(marked.Count == 1 ? "" : "s")} of the current English");
                    }
                    return 0;
                case "approve" when args.Get("culture") is { } culture && args.Get("by") is { } by && (keys is { Count: > 0 } || args.Has("all")):
                    var chosen = keys is { Count: > 0 } ? keys : [.. content.Locales.Get(culture).Texts.Keys.Where(content.Locales.English.Texts.ContainsKey)];
                    var approved = TranslationReviews.Approve(content.Root, content.Locales, culture, chosen, by, today);
                    output.WriteLine($"{culture}: {approved.Count} reviewed by {by}");
                    return 0;
                default:
                    errors.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static void Status(ContentBundle content, IEnumerable<string> cultures, bool verbose, TextWriter output)
    {
        foreach (var culture in cultures)
        {
            var statuses = content.Translations.StatusesOf(content.Locales, culture);
            output.WriteLine($"{culture}: {TranslationCounts.Of(statuses)}");
            foreach (var status in statuses.Where(s => s.State is TranslationState.Stale or TranslationState.Untracked || (verbose && !s.IsReviewed)))
                output.WriteLine($"  {status.Key}: {status.State}");
        }
    }
}
