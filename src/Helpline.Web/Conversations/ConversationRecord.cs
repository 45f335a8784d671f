using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Helpline.Core.Engine;

namespace Helpline.Web.Conversations;

/// <summary>
/// What is stored under one caller key: the engine's state, the opt-out flag, and the last few
/// (hashed) message ids so that Twilio's retried deliveries do not advance the conversation twice.
/// Never a phone number, never what the person wrote.
/// </summary>
public sealed class ConversationRecord
{
    public const int RememberedReplies = 3;

    public ConversationState? State { get; set; }
    public bool OptedOut { get; set; }
    /// <summary>The caller's language, kept when a call's own state ends so the next call can use it.</summary>
    public string? Culture { get; set; }
    /// <summary>
    /// The last deliveries, oldest first. Only the newest keeps its reply: Twilio retries the message it
    /// is waiting on, and the older replies were most of a record's size (read and written every turn).
    /// </summary>
    public List<RememberedReply> Recent { get; set; } = [];
    /// <summary>A call's turn counter: action URLs carry it, so a request for an earlier step is recognised.</summary>
    public int Step { get; set; }
    /// <summary>The directory id a call is being dialed to: Twilio's dial-ended request says how, not to whom.</summary>
    public string? TransferOrganization { get; set; }

    /// <summary>Whether this delivery was handled already; <paramref name="reply"/> is its reply if it was the last one, else null.</summary>
    public bool Seen(string deliveryId, out string? reply)
    {
        var remembered = Recent.FirstOrDefault(r => r.Id == deliveryId);
        reply = remembered?.Reply;
        return remembered is not null;
    }

    /// <summary>The reply to the newest delivery.</summary>
    [JsonIgnore] public string? LastReply => Recent.Count > 0 ? Recent[^1].Reply : null;

    public void Remember(string deliveryId, string reply)
    {
        Recent.RemoveAll(r => r.Id == deliveryId);
        for (var i = 0; i < Recent.Count; i++) Recent[i] = Recent[i] with { Reply = null };
        Recent.Add(new RememberedReply(deliveryId, reply));
        if (Recent.Count > RememberedReplies) Recent.RemoveRange(0, Recent.Count - RememberedReplies);
    }

    // Serializers generated at build time (no reflection on each turn). Non-Latin replies are kept as
    // they are, not as \uXXXX escapes: the record goes to a database, never into a web page, and a
    // Dari reply escaped is six times its size.
    private static readonly JsonTypeInfo<ConversationRecord> Json = new ConversationRecordJson(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }).ConversationRecord;

    // The record each JSON text was written from, while that text is alive. The memory store and the
    // SQLite store's recent records hand back the very string that was saved, so the next turn of an
    // active conversation copies the record instead of parsing it again.
    private static readonly ConditionalWeakTable<string, ConversationRecord> Written = [];

    public string ToJson()
    {
        var json = JsonSerializer.Serialize(this, Json);
        Written.AddOrUpdate(json, Copy());
        return json;
    }

    public static ConversationRecord FromJson(string json) =>
        Written.TryGetValue(json, out var written) ? written.Copy() : JsonSerializer.Deserialize(json, Json) ?? new();

    /// <summary>A copy that shares nothing a turn changes (remembered replies are immutable records).</summary>
    private ConversationRecord Copy() => new()
    {
        State = State?.Clone(),
        OptedOut = OptedOut,
        Culture = Culture,
        Recent = [.. Recent],
        Step = Step,
        TransferOrganization = TransferOrganization,
    };
}

// The same ignore rule as the options above, so serialization takes the generated fast path.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationRecord))]
internal sealed partial class ConversationRecordJson : JsonSerializerContext;

public sealed record RememberedReply(string Id, string? Reply);
