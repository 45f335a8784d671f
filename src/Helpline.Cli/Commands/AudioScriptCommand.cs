using System.Text;
using Helpline.Core.Content;
using Helpline.Core.Localization;
using Helpline.Core.Voice;

namespace Helpline.Cli.Commands;

/// <summary>helpline audio script CULTURE: the recording script as CULTURE-recording-script.html and .csv.</summary>
public static class AudioScriptCommand
{
    public static int Run(CliArgs args, TimeProvider time, TextWriter output, TextWriter errors)
    {
        if (args.Positional.Count < 2)
        {
            errors.WriteLine(AudioCommand.Usage);
            return 2;
        }
        var content = args.LoadContent();
        if (content is null) return 1;
        if (FindLocale(content, args.Positional[1], errors) is not { } locale) return 2;

        var lines = RecordingScript.Lines(content, locale);
        var folder = Path.GetFullPath(args.Get("out") ?? ".");
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var html = Path.Combine(folder, $"{locale.Culture}-recording-script.html");
        var csv = Path.Combine(folder, $"{locale.Culture}-recording-script.csv");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(html, RecordingScript.Html(locale, lines, today), new UTF8Encoding(false));
            // With a byte-order mark: spreadsheet programs otherwise read Dari and Pashto as mojibake.
            File.WriteAllText(csv, RecordingScript.Csv(lines), new UTF8Encoding(true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"error: cannot write to {folder}: {e.Message}");
            return 1;
        }
        var counts = lines.GroupBy(l => l.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {RecordingScript.StatusText(g.Key).Split(':', '(')[0].Trim()}");
        output.WriteLine($"{locale.Culture}: {lines.Count} prompts ({string.Join(", ", counts)})");
        output.WriteLine($"wrote {html}");
        output.WriteLine($"wrote {csv}");
        return 0;
    }

    public static Locale? FindLocale(ContentBundle content, string culture, TextWriter errors)
    {
        var locale = content.Locales.Locales.FirstOrDefault(l => l.Culture.Equals(culture, StringComparison.OrdinalIgnoreCase));
        if (locale is null)
            errors.WriteLine($"error: no locale '{culture}' (locales: {string.Join(", ", content.Locales.Locales.Select(l => l.Culture))})");
        return locale;
    }
}
