using System.Text;
using Helpline.Core.Localization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Helpline.Core.Review;

/// <summary>
/// Writes reviewed texts back into a locales/&lt;culture&gt;.yaml file by replacing only the line of each changed
/// key under <c>texts:</c>, written as the files are written (one double-quoted line), so a review shows in a
/// diff as exactly the lines it changed and the comments, order and everything else stay as the editors left them.
/// </summary>
public static class LocaleTextFile
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>The file's text with the changed keys' values replaced; refuses a key it cannot find as one line.</summary>
    public static string Replace(string fileText, IReadOnlyDictionary<string, string> changes)
    {
        var lines = fileText.Split('\n');
        var inTexts = false;
        var left = new HashSet<string>(changes.Keys, StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length > 0 && line[0] is not (' ' or '#' or '\r'))
            {
                inTexts = line.TrimEnd('\r') == "texts:";
                continue;
            }
            if (!inTexts || !line.StartsWith("  ", StringComparison.Ordinal) || line.Length < 3 || line[2] is ' ' or '#') continue;
            var colon = line.IndexOf(": ", 2, StringComparison.Ordinal);
            if (colon < 0) continue;
            var key = line[2..colon];
            if (!changes.TryGetValue(key, out var text)) continue;
            var ending = line.EndsWith('\r') ? "\r" : "";
            lines[i] = $"  {key}: {Quote(text)}{ending}";
            left.Remove(key);
        }
        if (left.Count > 0)
            throw new ContentException($"no one-line text under 'texts:' for: {string.Join(", ", left.Order(StringComparer.Ordinal))}");
        var result = string.Join('\n', lines);
        Check(result, changes);
        return result;
    }

    /// <summary>Writes the changes into the locale's file (under the content root) and returns its path.</summary>
    public static string Write(string root, Locale locale, IReadOnlyDictionary<string, string> changes)
    {
        var path = Path.Combine(root, locale.File);
        var before = File.ReadAllText(path, Encoding.UTF8);
        var after = Replace(before, changes);
        if (after != before) File.WriteAllText(path, after, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>A YAML double-quoted scalar, escaping only what must be escaped (as the locale files do).</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\u0085' => "\\N",
                '\u2028' => "\\L",
                '\u2029' => "\\P",
                '\uFEFF' => "\\uFEFF",
                < ' ' or '\u007F' => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>Reads the edited file back: each changed key must say exactly the new text, or nothing is written.</summary>
    private static void Check(string fileText, IReadOnlyDictionary<string, string> changes)
    {
        Locale parsed;
        try { parsed = Yaml.Deserialize<Locale>(fileText) ?? new Locale(); }
        catch (YamlException e) { throw new ContentException($"the edited locale file would not parse: {e.Message}", e); }
        foreach (var (key, text) in changes)
        {
            if (parsed.Texts.GetValueOrDefault(key) != text)
                throw new ContentException($"'{key}' would not read back as written");
        }
    }
}
