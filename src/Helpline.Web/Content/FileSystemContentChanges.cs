namespace Helpline.Web.Content;

/// <summary>Watches flows/, locales/ (recordings included), directory/ and facts/ with the operating system's file events.</summary>
public sealed class FileSystemContentChanges : IContentChanges
{
    public static readonly IReadOnlyList<string> Folders = ["flows", "locales", "directory", "facts"];

    public IDisposable Watch(string contentRoot, Action changed)
    {
        var watchers = Folders.Select(f => Path.Combine(contentRoot, f)).Where(Directory.Exists).Select(folder =>
        {
            var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            FileSystemEventHandler signal = (_, _) => changed();
            watcher.Changed += signal;
            watcher.Created += signal;
            watcher.Deleted += signal;
            watcher.Renamed += (_, _) => changed();
            return watcher;
        }).ToList();
        return new Watchers(watchers);
    }

    private sealed class Watchers(List<FileSystemWatcher> watchers) : IDisposable
    {
        public void Dispose() => watchers.ForEach(w => w.Dispose());
    }
}
