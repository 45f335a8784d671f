using System.Globalization;
using System.Text;

namespace Helpline.Twilio;

/// <summary>One TwiML element: the builders collect these and write them out once.</summary>
internal sealed class TwimlElement(string name, string? text = null)
{
    private const string DefaultMethod = "POST";

    private readonly List<KeyValuePair<string, string>> attributes = [];

    public string Name { get; } = name;

    public string? Text { get; } = text;

    public List<TwimlElement> Children { get; } = [];

    public TwimlElement With(string attribute, string? value)
    {
        if (value is not null)
        {
            attributes.Add(KeyValuePair.Create(attribute, value));
        }

        return this;
    }

    public TwimlElement With(string attribute, int? value) =>
        With(attribute, value?.ToString(CultureInfo.InvariantCulture));

    // TwiML booleans are lower case.
    public TwimlElement With(string attribute, bool? value) =>
        With(attribute, value is null ? null : value.Value ? "true" : "false");

    /// <summary>Leaves out <c>method="POST"</c>: it is Twilio's default and the markup stays short.</summary>
    public TwimlElement WithMethod(string? method) =>
        With("method", string.IsNullOrEmpty(method) || method.Equals(DefaultMethod, StringComparison.OrdinalIgnoreCase) ? null : method);

    /// <summary>
    /// Writes the element as XmlWriter would with the settings TwiML needs (see <see cref="TwimlResponse"/>),
    /// by hand: an XmlWriter per reply cost more than the rest of the rendering. A test holds the two equal.
    /// </summary>
    public void WriteTo(StringBuilder xml)
    {
        xml.Append('<').Append(Name);
        foreach (var (attribute, value) in attributes)
        {
            xml.Append(' ').Append(attribute).Append("=\"");
            Escape(xml, XmlSafe(value), inAttribute: true);
            xml.Append('"');
        }

        if (Text is null && Children.Count == 0)
        {
            xml.Append(" />");
            return;
        }

        xml.Append('>');
        if (Text is not null)
        {
            Escape(xml, XmlSafe(Text), inAttribute: false);
        }

        foreach (var child in Children)
        {
            child.WriteTo(xml);
        }

        xml.Append("</").Append(Name).Append('>');
    }

    /// <summary>XML escaping; a carriage return (and in attributes a line feed or tab) as a character reference, so it survives parsing.</summary>
    private static void Escape(StringBuilder xml, string text, bool inAttribute)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var entity = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\r' => "&#xD;",
                '"' when inAttribute => "&quot;",
                '\n' when inAttribute => "&#xA;",
                '\t' when inAttribute => "&#x9;",
                _ => null,
            };
            if (entity is null) continue;
            xml.Append(text, start, i - start).Append(entity);
            start = i + 1;
        }
        xml.Append(text, start, text.Length - start);
    }

    /// <summary>
    /// Drops the characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF):
    /// one stray control character in a caller's text must not make the whole reply unreadable to Twilio.
    /// </summary>
    internal static string XmlSafe(string text)
    {
        var firstBad = FirstForbidden(text);
        if (firstBad < 0)
        {
            return text;
        }

        var safe = new StringBuilder(text.Length);
        safe.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (IsAllowedSingle(c))
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }

    private static int FirstForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!IsAllowedSingle(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsAllowedSingle(char c) =>
        c is '\t' or '\n' or '\r'
        || (c >= '\u0020' && c <= '\uD7FF')
        || (c >= '\uE000' && c <= '\uFFFD');
}
