using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Helpline.Core.Content;

/// <summary>One time someone confirmed a fact or a directory entry against a source.</summary>
public sealed record VerificationRecord(string Kind, string Id, string Verified, string By, string Source, string? Note)
{
    public const string FactKind = "fact";
    public const string EntryKind = "entry";
}

/// <summary>
/// The history of verifications, oldest first, in facts/history/verifications.yaml: append-only, so the
/// repository shows who confirmed what, when and against which source, not only the latest date.
/// (A subfolder, because every *.yaml directly in facts/ is read as facts.)
/// </summary>
public static class VerificationLog
{
    public const string RelativePath = "facts/history/verifications.yaml";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static string PathOf(string root) => Path.Combine(root, RelativePath);

    public static IReadOnlyList<VerificationRecord> Read(string root)
    {
        var file = PathOf(root);
        if (!File.Exists(file)) return [];
        try
        {
            using var reader = new StreamReader(file);
            var lines = Yaml.Deserialize<List<Line>>(reader) ?? [];
            return [.. lines.Select(l => new VerificationRecord(l.Kind ?? "", l.Id ?? "", l.Verified ?? "", l.By ?? "", l.Source ?? "", l.Note))];
        }
        catch (YamlException e)
        {
            throw new ContentException($"{file}:{e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    public static void Append(string root, VerificationRecord record)
    {
        var file = PathOf(root);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var text = new StringBuilder();
        if (!File.Exists(file))
        {
            text.Append("# Who verified which fact (facts/facts.yaml) or directory entry (directory/organizations.yaml), when,\n");
            text.Append("# against which source. Append-only: written by `helpline verify`; see README \"Verifying facts and entries\".\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"- {{ kind: {record.Kind}, id: {record.Id}, verified: {record.Verified}, by: {Quoted(record.By)}, source: {Quoted(record.Source)}");
        if (record.Note is not null) text.Append(CultureInfo.InvariantCulture, $", note: {Quoted(record.Note)}");
        text.Append(" }\n");
        File.AppendAllText(file, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) + "\"";

    private sealed class Line
    {
        public string? Kind { get; set; }
        public string? Id { get; set; }
        public string? Verified { get; set; }
        public string? By { get; set; }
        public string? Source { get; set; }
        public string? Note { get; set; }
    }
}
