using System.Globalization;
using Helpline.Core.Content;

namespace Helpline.Cli.Commands;

/// <summary>
/// helpline verify fact|entry ID --by NAME --source SOURCE [--date yyyy-MM-dd] [--note TEXT]: records that a
/// person confirmed a fact or a directory entry against a source (the verified date, and a line in the history).
/// </summary>
public static class VerifyCommand
{
    public static int Run(CliArgs args) => Run(args, TimeProvider.System, Console.Out, Console.Error);

    public static int Run(CliArgs args, TimeProvider time, TextWriter output, TextWriter errors)
    {
        if (args.Positional.Count != 2 || args.Positional[0] is not (VerificationRecord.FactKind or VerificationRecord.EntryKind))
        {
            errors.WriteLine("usage: helpline verify fact|entry ID --by NAME --source SOURCE [--date yyyy-MM-dd] [--note TEXT]");
            return 2;
        }
        var content = args.LoadContent();
        if (content is null) return 1;

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var date = today;
        if (args.Get("date") is { } given && !DateOnly.TryParseExact(given, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors.WriteLine($"error: --date '{given}' is not a yyyy-MM-dd date");
            return 2;
        }
        try
        {
            var record = VerificationRecorder.Record(content, args.Positional[0], args.Positional[1], args.Get("by") ?? "", args.Get("source") ?? "", date, today, args.Get("note"));
            output.WriteLine($"{record.Kind} '{record.Id}' verified {record.Verified} by {record.By} against {record.Source}; recorded in {VerificationLog.RelativePath}");
            return 0;
        }
        catch (ArgumentException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
