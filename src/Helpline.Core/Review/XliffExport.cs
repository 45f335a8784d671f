using System.Globalization;
using System.Text;
using System.Xml;
using Helpline.Core.Content;
using Helpline.Core.Localization;

namespace Helpline.Core.Review;

/// <summary>
/// One language as an XLIFF 1.2 file for a reviewer's own tool (OmegaT, Poedit, Weblate, Crowdin, Virtaal all
/// read 1.2; Weblate reads no 2.0). 1.2 also says what the helpline needs to say about each text: a machine
/// draft is <c>state="needs-review-translation"</c> with <c>state-qualifier="leveraged-mt"</c>, a stale text
/// (its English changed) is <c>state="needs-translation"</c>, a reviewed one is <c>state="signed-off"</c> with
/// <c>approved="yes"</c>. A text the language lacks (a caller gets the English) comes first, with an empty
/// target in <c>state="needs-translation"</c> for the tool to fill. Each unit keeps its English in &lt;source&gt;,
/// so an import can tell whether the English changed in between, and carries notes: where it is said, the legal
/// terms to check, its state.
/// </summary>
public static class XliffExport
{
    public const string Namespace = "urn:oasis:names:tc:xliff:document:1.2";

    public static string Write(ContentBundle content, string culture, DateTimeOffset now)
    {
        var locale = content.Locales.Get(culture);
        if (!content.Locales.Has(culture) || ReferenceEquals(locale, content.Locales.English))
            throw new ArgumentException($"no translation to export for culture '{culture}'");
        var items = ReviewQueue.For(content, locale.Culture);

        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, NewLineChars = "\n" }))
        {
            xml.WriteStartElement("xliff", Namespace);
            xml.WriteAttributeString("version", "1.2");
            xml.WriteStartElement("file", Namespace);
            xml.WriteAttributeString("original", locale.File);
            xml.WriteAttributeString("source-language", LocaleCatalog.FallbackCulture);
            xml.WriteAttributeString("target-language", locale.Culture);
            xml.WriteAttributeString("datatype", "plaintext");
            xml.WriteAttributeString("date", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            xml.WriteAttributeString("tool-id", "helpline");

            xml.WriteStartElement("header", Namespace);
            xml.WriteStartElement("tool", Namespace);
            xml.WriteAttributeString("tool-id", "helpline");
            xml.WriteAttributeString("tool-name", "helpline review export");
            xml.WriteEndElement();
            xml.WriteElementString("note", Namespace,
                $"{locale.EnglishName} ({locale.Name}) texts of the Helpline, in the order a conversation reaches them. " +
                "Keep every {0}, phone number, code and number exactly as in the English. Mark a text you have checked as reviewed " +
                "(signed-off, final, translated or approved); leave the rest as they are. Send the file back to be imported.");
            xml.WriteEndElement();

            xml.WriteStartElement("body", Namespace);
            foreach (var item in items) Unit(xml, locale, item);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text + "\n";
    }

    private static void Unit(XmlWriter xml, Locale locale, ReviewItem item)
    {
        xml.WriteStartElement("trans-unit", Namespace);
        xml.WriteAttributeString("id", item.Key);
        xml.WriteAttributeString("resname", item.Key);
        xml.WriteAttributeString("approved", item.StateName == "reviewed" ? "yes" : "no");
        xml.WriteAttributeString("xml", "space", null, "preserve");

        xml.WriteStartElement("source", Namespace);
        xml.WriteAttributeString("xml", "lang", null, LocaleCatalog.FallbackCulture);
        xml.WriteString(item.English);
        xml.WriteEndElement();

        xml.WriteStartElement("target", Namespace);
        xml.WriteAttributeString("xml", "lang", null, locale.Culture);
        switch (item.StateName)
        {
            case "reviewed":
                xml.WriteAttributeString("state", "signed-off");
                break;
            case "stale" or "missing":
                xml.WriteAttributeString("state", "needs-translation");
                break;
            default:
                xml.WriteAttributeString("state", "needs-review-translation");
                xml.WriteAttributeString("state-qualifier", "leveraged-mt");
                break;
        }
        xml.WriteString(item.Text);
        xml.WriteEndElement();

        Note(xml, "general", $"Where: {item.Where}; {item.Channel}.");
        if (item.Note is { } legal) Note(xml, "source", legal, priority: 1);
        Note(xml, "target", item.StateName switch
        {
            "reviewed" => $"State: reviewed by {item.ReviewedBy} on {item.Date}.",
            "missing" => $"State: missing. There is no {locale.EnglishName} text yet, so a caller gets the English above: write the translation.",
            "stale" => $"State: stale. The English changed after this was {(item.ReviewedBy is null ? "translated" : "reviewed")} ({item.Date}): bring it in line with the English above.",
            _ => "State: machine draft, not yet reviewed by a native speaker.",
        });
        xml.WriteEndElement();
    }

    private static void Note(XmlWriter xml, string annotates, string text, int? priority = null)
    {
        xml.WriteStartElement("note", Namespace);
        xml.WriteAttributeString("from", "helpline");
        xml.WriteAttributeString("annotates", annotates);
        if (priority is { } p) xml.WriteAttributeString("priority", p.ToString(CultureInfo.InvariantCulture));
        xml.WriteString(text);
        xml.WriteEndElement();
    }
}
