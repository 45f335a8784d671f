using System.Security.Cryptography;
using Helpline.Core.Content;

namespace Helpline.Core.Tests.Review;

/// <summary>
/// A throwaway copy of the repository's content (flows, locale files, review records, directory, facts; not the
/// audio) that review tests may write into, with a fingerprint of every file under locales/ to prove what changed.
/// </summary>
public sealed class ReviewContent : IDisposable
{
    public ReviewContent()
    {
        Root = Path.Combine(Path.GetTempPath(), "helpline-review-" + Guid.NewGuid().ToString("N"));
        foreach (var folder in new[] { "flows", "directory", "facts", "locales" })
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(TestContent.RepoRoot, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(TestContent.RepoRoot, file);
                if (relative.StartsWith(Path.Combine("locales", "audio"), StringComparison.Ordinal)) continue;
                var target = Path.Combine(Root, relative);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    public string Root { get; }

    public ContentBundle Load() => ContentLoader.Load(Root);

    public string LocaleFile(string culture) => Path.Combine(Root, "locales", culture + ".yaml");

    public string[] LocaleLines(string culture) => File.ReadAllLines(LocaleFile(culture));

    /// <summary>Every file under locales/ (texts and review records) with the SHA-256 of its bytes.</summary>
    public IReadOnlyDictionary<string, string> LocalesFingerprint() =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Root, "locales"), "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(Root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
