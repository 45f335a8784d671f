using Helpline.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Helpline.Web.Content;

/// <summary>
/// Watches flows/, locales/, directory/ and facts/ and swaps in new content once it validates, with no
/// restart. An edit that fails validation is refused and logged with the validator's messages; the
/// last good content keeps serving callers.
/// </summary>
public sealed class ContentReloader(ContentSource source, IOptions<HelplineOptions> options, TimeProvider time, ILogger<ContentReloader> logger, IContentChanges changes, IHostEnvironment environment) : BackgroundService
{
    /// <summary>Editors save several files at once: wait for the writes to settle before reloading.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var root = options.Value.ContentRoot!;
        var changed = System.Threading.Channels.Channel.CreateBounded<bool>(new System.Threading.Channels.BoundedChannelOptions(1)
        {
            FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite,
        });
        using var watching = changes.Watch(root, () => changed.Writer.TryWrite(true));
        try
        {
            while (await changed.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Settle, time, stoppingToken);
                while (changed.Reader.TryRead(out _)) { }
                Reload(root);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public void Reload(string root)
    {
        try
        {
            source.Replace(StartupChecks.LoadContent(root, options.Value.Audio, StartupChecks.ContentValidation(options.Value, environment, time), logger));
            logger.LogInformation("Content reloaded from {Root}", root);
        }
        catch (Exception e) when (e is Helpline.Core.ContentException or IOException or UnauthorizedAccessException)
        {
            logger.LogError("Content edit refused; the last good content keeps serving: {Reason}", e.Message);
            source.Refuse(e.Message);
        }
    }
}
