using Helpline.Core.Content;

namespace Helpline.Cli.Commands;

/// <summary>"--name value" options, "--flag" switches and positional words.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    public List<string> Positional { get; } = [];

    public static CliArgs Parse(string[] args)
    {
        var parsed = new CliArgs();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) { parsed.Positional.Add(args[i]); continue; }
            var name = args[i][2..];
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) && name is not ("json" or "voice" or "verbose" or "force" or "no-globals" or "production" or "all");
            parsed._options[name] = hasValue ? args[++i] : null;
        }
        return parsed;
    }

    public bool Has(string name) => _options.ContainsKey(name);
    public string? Get(string name) => _options.GetValueOrDefault(name);
    public int GetInt(string name, int fallback) => int.TryParse(Get(name), out var value) ? value : fallback;

    public string Root => ContentLoader.FindRoot(Get("root"));

    /// <summary>The audio folder and stale-recording setting: Helpline__Audio__* from the environment, --audio DIR over it.</summary>
    public Helpline.Core.Voice.AudioSettings Audio
    {
        get
        {
            var settings = Helpline.Core.Voice.AudioSettings.FromEnvironment();
            if (Get("audio") is { } folder) settings.Folder = Path.GetFullPath(folder);
            return settings;
        }
    }

    /// <summary>Loads the content, or prints why it cannot and returns null.</summary>
    public ContentBundle? LoadContent()
    {
        try { return ContentLoader.Load(Root, Audio); }
        catch (Helpline.Core.ContentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return null;
        }
    }
}
