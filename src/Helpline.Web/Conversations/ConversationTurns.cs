using Helpline.Web.Hosting;
using Helpline.Web.State;
using Microsoft.Extensions.Options;

namespace Helpline.Web.Conversations;

/// <summary>
/// Read, change, write one conversation record with optimistic concurrency: if another message of
/// the same person was saved in between, the turn runs again on the newer record, so both count.
/// </summary>
public sealed class ConversationTurns(IConversationStore store, IOptions<HelplineOptions> options, ILogger<ConversationTurns> logger)
{
    private const int Attempts = 5;

    /// <summary>What a turn decided: the reply, and what to store (null erases the record).</summary>
    public sealed record Outcome<T>(ConversationRecord? Record, T Reply)
    {
        /// <summary>Nothing changed (a repeated delivery): no write.</summary>
        public bool Unchanged { get; init; }
    }

    public async Task<T> RunAsync<T>(string key, Func<ConversationRecord, Outcome<T>> turn, CancellationToken ct, TimeSpan? timeToLive = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.GetAsync(key, ct);
            var record = stored is null ? new ConversationRecord() : ConversationRecord.FromJson(stored.Json);
            var outcome = turn(record);
            if (outcome.Unchanged) return outcome.Reply;
            if (outcome.Record is null)
            {
                await store.DeleteAsync(key, ct);
                return outcome.Reply;
            }
            if (await store.TrySaveAsync(key, outcome.Record.ToJson(), stored?.Version ?? 0, timeToLive ?? options.Value.Store.TimeToLive, ct))
                return outcome.Reply;
            if (attempt == Attempts)
            {
                // Still answer: a reply that is not remembered beats no reply.
                logger.LogWarning("Conversation write lost {Attempts} races; answering without saving", Attempts);
                return outcome.Reply;
            }
        }
    }
}
