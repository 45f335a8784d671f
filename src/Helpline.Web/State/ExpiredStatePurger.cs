using Helpline.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Helpline.Web.State;

/// <summary>Deletes expired conversations on a timer: what is no longer needed is not kept.</summary>
public sealed class ExpiredStatePurger(IConversationStore store, IOptions<HelplineOptions> options, TimeProvider time, ILogger<ExpiredStatePurger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Store.PurgeInterval, time);
        do
        {
            try
            {
                var purged = await store.PurgeExpiredAsync(stoppingToken);
                if (purged > 0) logger.LogInformation("Purged {Count} expired conversations", purged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Purging expired conversations failed; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
