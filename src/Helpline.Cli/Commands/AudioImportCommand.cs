using System.Globalization;
using System.Text;
using Helpline.Core.Voice;

namespace Helpline.Cli.Commands;

/// <summary>
/// helpline audio import CULTURE FOLDER|ZIP --by NAME: each file checked and converted, one line per
/// file saying what happened and why; exit 1 when any file was rejected, so a script notices.
/// </summary>
public static class AudioImportCommand
{
    public static int Run(CliArgs args, AudioPrograms programs, TimeProvider time, TextWriter output, TextWriter errors)
    {
        if (args.Positional.Count < 3)
        {
            errors.WriteLine(AudioCommand.Usage);
            return 2;
        }
        if (args.Get("by") is not { Length: > 0 } by)
        {
            errors.WriteLine("error: say who recorded the files: --by NAME (kept in the manifest beside each recording)");
            return 2;
        }
        var content = args.LoadContent();
        if (content is null) return 1;
        if (AudioScriptCommand.FindLocale(content, args.Positional[1], errors) is not { } locale) return 2;
        var missing = programs.MissingPrograms();
        if (missing.Count > 0)
        {
            errors.WriteLine($"error: {string.Join(" and ", missing)} not installed; the import needs ffmpeg and sox (Debian/Ubuntu: apt-get install ffmpeg sox)");
            return 1;
        }

        IReadOnlyList<ImportedFile> results;
        try
        {
            results = new RecordingImporter(content, programs, time).ImportAll(locale, args.Positional[2], new ImportOptions(by, args.Has("force")));
        }
        catch (FileNotFoundException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return 2;
        }

        var report = Report(locale.Culture, results, time);
        output.Write(report);
        if (args.Get("report") is { } file)
        {
            try { File.WriteAllText(file, report, new UTF8Encoding(false)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.WriteLine($"error: cannot write {file}: {e.Message}");
                return 1;
            }
        }
        return results.Any(r => r.Outcome == ImportOutcome.Rejected) ? 1 : 0;
    }

    /// <summary>A Markdown table a coordinator can paste into a message back to the volunteer.</summary>
    public static string Report(string culture, IReadOnlyList<ImportedFile> results, TimeProvider time)
    {
        var md = new StringBuilder();
        var counts = results.GroupBy(r => r.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        md.AppendLine(CultureInfo.InvariantCulture, $"# Recordings imported for {culture}, {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{results.Count} files: {string.Join(", ", counts)}. Saved as {RecordingImporter.PhoneFormat}.");
        md.AppendLine();
        md.AppendLine("| File | Key | Result | Why |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var r in results)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(r.File)} | {Cell(r.Key ?? "-")} | {r.Outcome.ToString().ToLowerInvariant()} | {Cell(r.Reason)} |");
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace('\n', ' ');
}
