using System.Globalization;
using System.Text.RegularExpressions;

namespace Helpline.Core.Content;

/// <summary>
/// Records that a person confirmed a fact or a directory entry against a source: sets its <c>verified</c>
/// date in place (every other line and comment of the file is kept) and appends the record to the history.
/// </summary>
public static partial class VerificationRecorder
{
    public static VerificationRecord Record(ContentBundle content, string kind, string id, string by, string source, DateOnly date, DateOnly today, string? note = null)
    {
        if (string.IsNullOrWhiteSpace(by)) throw new ArgumentException("say who verified it (--by)");
        if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException("say which source it was checked against (--source): a page, a document, a call");
        if (date > today) throw new ArgumentException($"the date {Day(date)} is in the future");

        var file = kind switch
        {
            VerificationRecord.FactKind => content.Facts.FirstOrDefault(f => f.Id == id)?.File
                ?? throw new ArgumentException($"no fact '{id}' in facts/"),
            VerificationRecord.EntryKind => content.Directory.Get(id)?.File
                ?? throw new ArgumentException($"no entry '{id}' in directory/"),
            _ => throw new ArgumentException($"verify a fact or an entry, not '{kind}'"),
        };

        var path = Path.Combine(content.Root, file);
        File.WriteAllText(path, WithVerified(File.ReadAllText(path), id, Day(date), path));
        var record = new VerificationRecord(kind, id, Day(date), by.Trim(), source.Trim(), string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        VerificationLog.Append(content.Root, record);
        return record;
    }

    /// <summary>The file's text with the item's <c>verified:</c> line set to the date (added after <c>source_date:</c> if missing).</summary>
    internal static string WithVerified(string yaml, string id, string day, string file)
    {
        var newline = yaml.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = yaml.Split(newline).ToList();
        var start = lines.FindIndex(l => ItemStart().Match(l) is { Success: true } m && m.Groups[1].Value == id);
        if (start < 0) throw new ArgumentException($"{file}: no line '- id: {id}'");
        var end = lines.FindIndex(start + 1, l => ItemStart().IsMatch(l));
        if (end < 0) end = lines.Count;

        var verified = lines.FindIndex(start, end - start, l => l.StartsWith("  verified:", StringComparison.Ordinal));
        if (verified >= 0) lines[verified] = $"  verified: {day}";
        else
        {
            var sourceDate = lines.FindIndex(start, end - start, l => l.StartsWith("  source_date:", StringComparison.Ordinal));
            lines.Insert(sourceDate >= 0 ? sourceDate + 1 : start + 1, $"  verified: {day}");
        }
        return string.Join(newline, lines);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^- id:\s*""?([^""\s#]+)""?\s*$")]
    private static partial Regex ItemStart();
}
