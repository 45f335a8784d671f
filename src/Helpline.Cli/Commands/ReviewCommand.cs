using System.Text;
using Helpline.Core.Content;
using Helpline.Core.Review;
using Helpline.Core.Voice;

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

    /// <param name="speech">Speaks the stand-ins of the texts an import changed (espeak-ng unless a test gives another).</param>
    public static int Run(CliArgs args, TimeProvider time, TextWriter output, TextWriter errors, ISpeechSynthesizer? speech = null)
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
            return positional[0] == "export" ? Export(content, positional[1], args, time, output) : Import(content, positional[1], args, time, output, errors, speech ?? new EspeakSpeechSynthesizer());
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

    private static int Import(ContentBundle content, string file, CliArgs args, TimeProvider time, TextWriter output, TextWriter errors, ISpeechSynthesizer speech)
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
        if (result.Rewritten.Count > 0) SpeakAgain(args, args.Get("culture") ?? xliff.TargetLanguage, speech, output);
        return result.Refused.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// A language Twilio cannot speak is played from files: its callers would hear the old words of a rewritten text
    /// until its stand-in is spoken again, so the import does what `helpline audio render` would, or says to run it.
    /// </summary>
    private static void SpeakAgain(CliArgs args, string? culture, ISpeechSynthesizer speech, TextWriter output)
    {
        if (StandInRenderer.AfterEdit(ContentLoader.Load(args.Root), culture ?? "", speech) is not var (missing, report)) return;
        output.WriteLine(report is null ? $"stand-ins: callers hear the earlier ones until `helpline audio render` runs ({string.Join(", ", missing)} not installed here)"
            : report.Error is { } error ? $"stand-ins: not rendered: {error}"
            : $"stand-ins: {report.Rendered.Count} spoken again ({string.Join(", ", report.Rendered)})");
    }
}
