using System.Text;
using Helpline.Core.Reporting;

namespace Helpline.Cli.Commands;

/// <summary>helpline report: the content report as Markdown, to stdout or to --out FILE (docs/content-report.md in the repository).</summary>
public static class ReportCommand
{
    public static int Run(CliArgs args) => Run(args, TimeProvider.System, Console.Out, Console.Error);

    public static int Run(CliArgs args, TimeProvider time, TextWriter output, TextWriter errors)
    {
        var content = args.LoadContent();
        if (content is null) return 1;
        var options = new ReportOptions { StaleAfterDays = args.GetInt("stale-days", 180) };
        // The date is UTC so that the report's ages do not depend on where it is generated.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var report = ContentReport.Write(content, options, today);

        if (args.Get("out") is not { } file)
        {
            output.Write(report);
            return 0;
        }
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null) Directory.CreateDirectory(folder);
            File.WriteAllText(file, report, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"error: cannot write {file}: {e.Message}");
            return 1;
        }
        output.WriteLine($"wrote {file}");
        return 0;
    }
}
