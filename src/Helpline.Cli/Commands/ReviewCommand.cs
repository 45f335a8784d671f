using System.Text;
using Helpline.Core.Content;
using Helpline.Core.Review;

namespace Helpline.Cli.Commands;

/// <summary>
/// helpline review export|import: a language as XLIFF 1.2 for a reviewer's own translation tool, and the
/// reviewed file back into locales/ (checked like every edit; what fails is named with its reason).
/// </summary>
public static class ReviewCommand
{
    private const string Usage = """
        usage: helpline review export CULTURE [--out FILE]
               helpline review import FILE --by NAME [--culture C] [--budget N]
        """;

    public static int Run(CliArgs args) => Run(args, TimeProvider.System, Console.Out, Console.Error);

    public static int Run(CliArgs args, TimeProvider time, TextWriter output, TextWriter errors)
    {
        var positional = args.Positional;
        if (positional.Count != 2 || positional[0] is not ("export" or "import"))
        {
            errors.WriteLine(Usage);
            return 2;
        }
        ContentBundle content;
        try { content = ContentLoader.Load(args.Root); }
        catch (Helpline.Core.ContentException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return 1;
        }
        try
        {
            return positional[0] == "export" ? Export(content, positional[1], args, time, output) : Import(content, positional[1], args, time, output, errors);
        }
        catch (Exception e) when (e is ArgumentException or Helpline.Core.ContentException or IOException)
        {
            errors.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static int Export(ContentBundle content, string culture, CliArgs args, TimeProvider time, TextWriter output)
    {
        var xliff = XliffExport.Write(content, culture, time.GetUtcNow());
        if (args.Get("out") is { } file)
        {
            File.WriteAllText(file, xliff, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            var progress = ReviewQueue.Progress(content, culture);
            output.WriteLine($"{culture}: {ReviewQueue.For(content, culture).Count} texts written to {file} ({progress})");
        }
        else output.Write(xliff);
        return 0;
    }

    private static int Import(ContentBundle content, string file, CliArgs args, TimeProvider time, TextWriter output, TextWriter errors)
    {
        XliffFile xliff;
        using (var stream = File.OpenRead(file)) xliff = XliffFile.Read(stream);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var result = XliffImport.Apply(content, xliff, args.Get("culture"), args.Get("by"), today, args.GetInt("budget", 4));
        output.WriteLine($"{file} (XLIFF {xliff.Version}): {result.Rewritten.Count} texts rewritten, {result.Approved.Count} approved, " +
            $"{result.Drafts.Count} kept as drafts, {result.Unchanged} unchanged, {result.Refused.Count} refused");
        foreach (var key in result.Rewritten) output.WriteLine($"  rewritten: {key}");
        foreach (var key in result.Approved) output.WriteLine($"  approved: {key}");
        foreach (var refusal in result.Refused) errors.WriteLine($"  refused: {refusal}");
        return result.Refused.Count == 0 ? 0 : 1;
    }
}
