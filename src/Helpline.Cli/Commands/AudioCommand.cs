using Helpline.Core.Voice;

namespace Helpline.Cli.Commands;

/// <summary>
/// helpline audio render: espeak-ng stand-ins for every prompt of a language Twilio cannot speak,
/// written to locales/audio/&lt;culture&gt;/ for the app to play until a person records them.
/// </summary>
public static class AudioCommand
{
    public const string Usage = """
        usage: helpline audio render [--culture C] [--force] [--root DIR] [--audio DIR]
               helpline audio script CULTURE [--out DIR] [--root DIR] [--audio DIR]
               helpline audio import CULTURE FOLDER|ZIP --by NAME [--force] [--report FILE] [--root DIR] [--audio DIR]
        """;

    public static int Run(CliArgs args) => args.Positional.FirstOrDefault() switch
    {
        "script" => AudioScriptCommand.Run(args, TimeProvider.System, Console.Out, Console.Error),
        "import" => AudioImportCommand.Run(args, new AudioPrograms(), TimeProvider.System, Console.Out, Console.Error),
        _ => Run(args, new EspeakSpeechSynthesizer(), Console.Out, Console.Error),
    };

    public static int Run(CliArgs args, ISpeechSynthesizer synthesizer, TextWriter output, TextWriter errors)
    {
        if (args.Positional.FirstOrDefault() != "render")
        {
            errors.WriteLine(Usage);
            return 2;
        }
        var content = args.LoadContent();
        if (content is null) return 1;

        var missing = synthesizer.MissingPrograms();
        if (missing.Count > 0)
        {
            errors.WriteLine($"error: {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not installed; stand-ins need espeak-ng and sox (Debian/Ubuntu: apt-get install espeak-ng sox)");
            return 1;
        }

        var renderer = new StandInRenderer(content, synthesizer);
        var locales = renderer.LocalesWithoutVoice;
        if (args.Get("culture") is { } culture)
        {
            if (!content.Locales.Has(culture))
            {
                errors.WriteLine($"error: no locale '{culture}' (locales: {string.Join(", ", content.Locales.Locales.Select(l => l.Culture))})");
                return 2;
            }
            var locale = content.Locales.Get(culture);
            if (locale.Voice.SayLanguage is not null)
            {
                output.WriteLine($"{locale.Culture}: Twilio speaks it ({locale.Voice.SayLanguage}): no stand-ins needed");
                return 0;
            }
            locales = [locale];
        }

        var failed = false;
        foreach (var locale in locales)
        {
            var report = renderer.Render(locale, args.Has("force"));
            output.WriteLine(Summary(report));
            foreach (var key in report.SkippedFor(StandInSkip.EnglishFallback))
                output.WriteLine($"  skipped {key}: no {report.Culture} text (English would be read): translate it in {locale.File}");
            foreach (var key in report.SkippedFor(StandInSkip.UnsafeFileName))
                output.WriteLine($"  skipped {key}: not usable as a file name");
            foreach (var key in report.SkippedFor(StandInSkip.NothingToSay))
                output.WriteLine($"  skipped {key}: nothing to say once placeholders are removed");
            if (report.Error is not null)
            {
                errors.WriteLine($"error: {report.Error}");
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }

    private static string Summary(StandInReport report)
    {
        var skipped = report.Skipped.Count - report.SkippedFor(StandInSkip.EnglishFallback).Count();
        return $"{report.Culture} (espeak-ng {report.Voice ?? "-"}): {report.Rendered.Count} rendered, {report.Unchanged.Count} unchanged, " +
            $"{report.SkippedFor(StandInSkip.EnglishFallback).Count()} skipped-fallback, {report.Recorded.Count} recorded" +
            (skipped > 0 ? $", {skipped} skipped otherwise" : "") +
            (report.Removed.Count > 0 ? $", {report.Removed.Count} removed" : "");
    }
}
