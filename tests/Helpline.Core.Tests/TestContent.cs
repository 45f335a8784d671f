using Helpline.Core.Content;

namespace Helpline.Core.Tests;

/// <summary>Content for tests: the repository's own, the minimal fixture, or an edited copy of it.</summary>
public static class TestContent
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string MinimalRoot => Path.Combine(RepoRoot, "tests", "Helpline.Core.Tests", "Fixtures", "minimal");

    private static readonly Lazy<ContentBundle> RepoContent = new(() => ContentLoader.Load(RepoRoot));
    private static readonly Lazy<ContentBundle> MinimalContent = new(() => ContentLoader.Load(MinimalRoot));

    public static ContentBundle Repo => RepoContent.Value;
    public static ContentBundle Minimal => MinimalContent.Value;

    /// <summary>A throwaway copy of the minimal fixture with one file edited, for "this edit breaks that" tests.</summary>
    public static TempContent EditedMinimal(string file, Func<string, string> edit)
    {
        var temp = new TempContent(MinimalRoot);
        var path = Path.Combine(temp.Root, file);
        File.WriteAllText(path, edit(File.ReadAllText(path)));
        return temp;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Helpline.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Helpline.sln not found above the test binaries");
    }
}

public sealed class TempContent : IDisposable
{
    public TempContent(string source)
    {
        Root = Path.Combine(Path.GetTempPath(), "helpline-test-" + Guid.NewGuid().ToString("N"));
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root { get; }

    public ContentBundle Load() => ContentLoader.Load(Root);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
