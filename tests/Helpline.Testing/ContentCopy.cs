using System.Security.Cryptography;

namespace Helpline.Testing;

/// <summary>
/// A throwaway copy of the repository's content (flows, locale files, review records, directory, facts; the
/// audio files linked, not copied) that tests may write into, as a reviewer does, with a fingerprint of every file under locales/ to prove what changed.
/// </summary>
public sealed class ContentCopy : IDisposable
{
    public ContentCopy()
    {
        Root = Path.Combine(Path.GetTempPath(), "helpline-review-" + Guid.NewGuid().ToString("N"));
        foreach (var folder in new[] { "flows", "directory", "facts", "locales" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepoRoot, file);
                if (relative.StartsWith(Path.Combine("locales", "audio"), StringComparison.Ordinal)) continue;
                var target = Path.Combine(Root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        // Recordings and stand-ins: a link to each file in folders of the copy's own, not a link to the folder. A review
        // saved in a test speaks stand-ins again, and every audio write is "write aside, then move over": a move
        // replaces the copy's link and never reaches the repository's file (Directory.Delete removes links, not targets).
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot, "locales", "audio"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, Path.GetRelativePath(RepoRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.CreateSymbolicLink(target, file);
        }
    }

    public string Root { get; }

    public static string RepoRoot { get; } = FindRepoRoot();

    public string LocaleFile(string culture) => Path.Combine(Root, "locales", culture + ".yaml");

    public string[] LocaleLines(string culture) => File.ReadAllLines(LocaleFile(culture));

    /// <summary>
    /// Takes texts out of a language, as when the English gains keys no translation has yet: their lines in the
    /// locale file and their review records go, and a caller gets the English.
    /// </summary>
    public void RemoveTexts(string culture, params string[] keys)
    {
        foreach (var file in new[] { LocaleFile(culture), Path.Combine(Root, "locales", "review", culture + ".yaml") })
        {
            var lines = File.ReadAllText(file).Split('\n');
            var kept = lines.Where(l => !keys.Any(k => l.StartsWith($"  {k}: ", StringComparison.Ordinal))).ToList();
            if (kept.Count != lines.Length - keys.Length) throw new InvalidOperationException($"{file} does not have one line for each of {string.Join(", ", keys)}");
            File.WriteAllText(file, string.Join('\n', kept));
        }
    }

    /// <summary>Every YAML file under locales/ (texts and review records) with the SHA-256 of its bytes.</summary>
    public IReadOnlyDictionary<string, string> LocalesFingerprint() =>
        Directory.EnumerateFiles(Path.Combine(Root, "locales"), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(Root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Helpline.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Helpline.sln not found above the test binaries");
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
