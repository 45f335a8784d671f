using System.Xml;
using System.Xml.Linq;

namespace Helpline.Core.Review;

/// <summary>One unit of a reviewed XLIFF file: its id (the text key), its English, its target and whether the tool marks it reviewed.</summary>
public sealed record XliffUnit(string Id, string Source, string? Target, bool Reviewed, string? Problem);

/// <summary>
/// A reviewed XLIFF file as a translation tool writes it back: 1.2 (what <see cref="XliffExport"/> writes) or 2.0,
/// any prefixes, entities and CDATA, segments split with &lt;mrk&gt; or &lt;g&gt;. Reviewed means approved="yes" or
/// state signed-off, final or translated (1.2), reviewed or final (2.0); a target without a state is not reviewed,
/// as Weblate writes an unapproved unit. Inline codes (&lt;ph&gt;, &lt;x/&gt; ...) stand for markup the helpline's
/// plain texts do not have, so such a unit is reported, not guessed at. No DTD is processed.
/// </summary>
public sealed class XliffFile
{
    public const string Xliff2Namespace = "urn:oasis:names:tc:xliff:document:2.0";

    private static readonly HashSet<string> Reviewed12 = ["signed-off", "final", "translated"];
    private static readonly HashSet<string> Reviewed20 = ["reviewed", "final"];
    private static readonly HashSet<string> InlineCodes = ["ph", "x", "bx", "ex", "bpt", "ept", "it", "sub", "pc", "sc", "ec", "cp"];

    public required string Version { get; init; }
    public required string TargetLanguage { get; init; }
    public required IReadOnlyList<XliffUnit> Units { get; init; }

    public static XliffFile Read(Stream stream)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            throw new ContentException($"not a readable XLIFF file: {e.Message}", e);
        }
        var root = document.Root;
        if (root is null || root.Name.LocalName != "xliff") throw new ContentException("not an XLIFF file: the root element is not <xliff>");
        var ns = root.Name.Namespace;
        return ns.NamespaceName == Xliff2Namespace ? Read20(root, ns) : Read12(root, ns);
    }

    private static XliffFile Read12(XElement root, XNamespace ns)
    {
        var files = root.Elements(ns + "file").ToList();
        var language = files.Select(f => (string?)f.Attribute("target-language")).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l));
        var units = new List<XliffUnit>();
        foreach (var unit in files.SelectMany(f => f.Descendants(ns + "trans-unit")))
        {
            var id = (string?)unit.Attribute("resname") ?? (string?)unit.Attribute("id") ?? "";
            var target = unit.Element(ns + "target");
            var state = (string?)target?.Attribute("state");
            var reviewed = (string?)unit.Attribute("approved") == "yes" || (state is not null && Reviewed12.Contains(state));
            units.Add(Unit(id, unit.Element(ns + "source"), target, reviewed));
        }
        return new XliffFile { Version = "1.2", TargetLanguage = language ?? "", Units = units };
    }

    private static XliffFile Read20(XElement root, XNamespace ns)
    {
        var units = new List<XliffUnit>();
        foreach (var unit in root.Descendants(ns + "unit"))
        {
            var id = (string?)unit.Attribute("name") ?? (string?)unit.Attribute("id") ?? "";
            var segments = unit.Elements().Where(e => e.Name == ns + "segment" || e.Name == ns + "ignorable").ToList();
            var states = unit.Elements(ns + "segment").Select(s => (string?)s.Attribute("state") ?? "initial").ToList();
            var reviewed = states.Count > 0 && states.All(Reviewed20.Contains);
            var source = new XElement(ns + "source", segments.Select(s => s.Element(ns + "source")?.Nodes()).Where(n => n is not null).SelectMany(n => n!));
            var targets = segments.Select(s => s.Element(ns + "target")).ToList();
            var target = targets.All(t => t is null) ? null : new XElement(ns + "target", targets.Where(t => t is not null).SelectMany(t => t!.Nodes()));
            units.Add(Unit(id, source, target, reviewed));
        }
        return new XliffFile { Version = "2.0", TargetLanguage = (string?)root.Attribute("trgLang") ?? "", Units = units };
    }

    private static XliffUnit Unit(string id, XElement? source, XElement? target, bool reviewed)
    {
        var code = new[] { source, target }.Where(e => e is not null).SelectMany(e => e!.Descendants()).FirstOrDefault(e => InlineCodes.Contains(e.Name.LocalName));
        var problem = code is null ? null : $"inline code <{code.Name.LocalName}> is not supported: write placeholders such as {{0}} as plain text";
        return new XliffUnit(id, source is null ? "" : PlainText(source), target is null ? null : PlainText(target), reviewed, problem);
    }

    /// <summary>The text of an element with its &lt;mrk&gt; and &lt;g&gt; wrappers dropped; entities and CDATA are already text.</summary>
    private static string PlainText(XElement element) =>
        string.Concat(element.DescendantNodes().OfType<XText>().Select(t => t.Value)).Replace("\r\n", "\n", StringComparison.Ordinal);
}
