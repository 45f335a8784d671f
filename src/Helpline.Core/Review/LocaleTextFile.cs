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
/// A text the file lacks is added as one new line after the nearest key that comes before it in the English file
/// (so it lands in the same section as in English), else before the nearest that comes after it.
/// </summary>
public static class LocaleTextFile
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>The file's text with the changed keys' values replaced; refuses a key it cannot find as one line.</summary>
    public static string Replace(string fileText, IReadOnlyDictionary<string, string> changes) =>
        Edit(fileText, changes, new Dictionary<string, string>(), []);

    /// <summary>
    /// The file's text with the changed keys' values replaced and the added keys inserted, each where
    /// <paramref name="englishOrder"/> (the English file's keys in order) puts it; refuses a change it cannot find
    /// as one line and an addition the file already has.
    /// </summary>
    public static string Edit(string fileText, IReadOnlyDictionary<string, string> changes, IReadOnlyDictionary<string, string> additions, IReadOnlyList<string> englishOrder)
    {
        var lines = new List<string>(fileText.Split('\n'));
        var left = new HashSet<string>(changes.Keys, StringComparer.Ordinal);
        foreach (var (key, i) in TextLines(lines))
        {
            if (!changes.TryGetValue(key, out var text)) continue;
            lines[i] = $"  {key}: {Quote(text)}{Ending(lines[i])}";
            left.Remove(key);
        }
        if (left.Count > 0)
            throw new ContentException($"no one-line text under 'texts:' for: {string.Join(", ", left.Order(StringComparer.Ordinal))}");

        var position = englishOrder.Select((key, i) => (key, i)).ToDictionary(p => p.key, p => p.i, StringComparer.Ordinal);
        foreach (var (key, text) in additions.OrderBy(a => position.GetValueOrDefault(a.Key, int.MaxValue)).ThenBy(a => a.Key, StringComparer.Ordinal))
            Insert(lines, key, text, englishOrder, position);

        var result = string.Join('\n', lines);
        Check(result, changes.Concat(additions));
        return result;
    }

    /// <summary>The keys of the one-line texts under <c>texts:</c>, in file order.</summary>
    public static IReadOnlyList<string> Keys(string fileText) => [.. TextLines(fileText.Split('\n')).Select(t => t.Key)];

    /// <summary>Writes the changes and additions into the locale's file (under the content root) and returns its path.</summary>
    /// <param name="english">The English locale, whose file gives the order an added text is placed by.</param>
    public static string Write(string root, Locale locale, IReadOnlyDictionary<string, string> changes,
        IReadOnlyDictionary<string, string>? additions = null, Locale? english = null)
    {
        var path = Path.Combine(root, locale.File);
        var before = File.ReadAllText(path, Encoding.UTF8);
        var order = additions is { Count: > 0 } && english is not null ? Keys(File.ReadAllText(Path.Combine(root, english.File), Encoding.UTF8)) : [];
        var after = Edit(before, changes, additions ?? new Dictionary<string, string>(), order);
        if (after != before) File.WriteAllText(path, after, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>Each one-line text under <c>texts:</c> with its line number.</summary>
    private static IEnumerable<(string Key, int Line)> TextLines(IReadOnlyList<string> lines)
    {
        var inTexts = false;
        for (var i = 0; i < lines.Count; i++)
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
            yield return (line[2..colon], i);
        }
    }

    private static void Insert(List<string> lines, string key, string text, IReadOnlyList<string> englishOrder, Dictionary<string, int> position)
    {
        var present = TextLines(lines).ToDictionary(t => t.Key, t => t.Line, StringComparer.Ordinal);
        if (present.ContainsKey(key)) throw new ContentException($"'{key}' is already in the file: change it rather than add it");
        int at;
        string ending;
        var index = position.GetValueOrDefault(key, englishOrder.Count);
        var before = englishOrder.Take(index).LastOrDefault(present.ContainsKey);
        var after = englishOrder.Skip(index + 1).FirstOrDefault(present.ContainsKey);
        if (before is not null)
        {
            // After the line of the key before it, and after any lines that continue its value.
            at = present[before] + 1;
            while (at < lines.Count && lines[at].StartsWith("   ", StringComparison.Ordinal)) at++;
            ending = Ending(lines[present[before]]);
        }
        else if (after is not null)
        {
            at = present[after];
            ending = Ending(lines[at]);
        }
        else if (present.Count > 0)
        {
            var last = present.Values.Max();
            at = last + 1;
            ending = Ending(lines[last]);
        }
        else
        {
            var texts = lines.FindIndex(l => l.TrimEnd('\r') == "texts:");
            if (texts < 0) throw new ContentException($"no 'texts:' to add '{key}' under");
            at = texts + 1;
            ending = Ending(lines[texts]);
        }
        lines.Insert(at, $"  {key}: {Quote(text)}{ending}");
    }

    private static string Ending(string line) => line.EndsWith('\r') ? "\r" : "";

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

    /// <summary>Reads the edited file back: each changed or added key must say exactly the new text, or nothing is written.</summary>
    private static void Check(string fileText, IEnumerable<KeyValuePair<string, string>> changes)
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
