using Helpline.Core.Directory;
using Helpline.Core.Flows;
using Helpline.Core.Localization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Helpline.Core.Content;

/// <summary>Reads flows/, locales/, directory/ and facts/ under a content root.</summary>
public static class ContentLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static ContentBundle Load(string root, Voice.AudioSettings? audio = null)
    {
        root = Path.GetFullPath(root);
        foreach (var folder in new[] { "flows", "locales", "directory", "facts" })
        {
            if (!System.IO.Directory.Exists(Path.Combine(root, folder)))
                throw new ContentException($"{Path.Combine(root, folder)}: folder not found (is Helpline:ContentRoot the repository root?)");
        }

        var flows = Files(root, "flows").Select(f => Read<FlowDefinition>(f, d => d.File = Relative(root, f))).ToList();
        var locales = Files(root, "locales").Select(f => Read<Locale>(f, l => l.File = Relative(root, f))).ToList();
        var organizations = Files(root, "directory").SelectMany(f => ReadList<Organization>(f, o => o.File = Relative(root, f))).ToList();
        var facts = Files(root, "facts").SelectMany(f => ReadList<Fact>(f, x => x.File = Relative(root, f))).ToList();

        return new ContentBundle(root, flows, new LocaleCatalog(locales), new LegalDirectory(organizations), facts)
        {
            Translations = TranslationReviews.Load(root),
            Audio = audio ?? new(),
        };
    }

    /// <summary>The content root: the given folder, or the nearest folder above the working directory that has flows/.</summary>
    public static string FindRoot(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (System.IO.Directory.Exists(Path.Combine(dir.FullName, "flows")) && System.IO.Directory.Exists(Path.Combine(dir.FullName, "locales")))
                return dir.FullName;
        }
        return System.IO.Directory.GetCurrentDirectory();
    }

    private static IEnumerable<string> Files(string root, string folder) =>
        System.IO.Directory.EnumerateFiles(Path.Combine(root, folder), "*.yaml", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal);

    private static T Read<T>(string file, Action<T> stamp) where T : new()
    {
        var value = Parse<T>(file) ?? new T();
        stamp(value);
        return value;
    }

    private static List<T> ReadList<T>(string file, Action<T> stamp)
    {
        var items = Parse<List<T>>(file) ?? [];
        items.ForEach(stamp);
        return items;
    }

    private static T? Parse<T>(string file)
    {
        try
        {
            using var reader = new StreamReader(file);
            return Yaml.Deserialize<T>(reader);
        }
        catch (YamlException e)
        {
            throw new ContentException($"{file}:{e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');
}
