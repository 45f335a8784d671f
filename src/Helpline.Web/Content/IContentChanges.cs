namespace Helpline.Web.Content;

/// <summary>
/// Tells the reloader that content files may have changed. The file-system watcher is the real one;
/// tests drive the reloader through their own, so they need not wait on the operating system's events.
/// </summary>
public interface IContentChanges
{
    /// <summary>Starts watching <paramref name="contentRoot"/>; <paramref name="changed"/> may be called from any thread until the result is disposed.</summary>
    IDisposable Watch(string contentRoot, Action changed);
}
