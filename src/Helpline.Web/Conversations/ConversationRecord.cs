using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Helpline.Core.Engine;

namespace Helpline.Web.Conversations;

/// <summary>
/// What is stored under one caller key: the engine's state, the opt-out flag, the last reply, and what
/// it takes to recognise every delivery this conversation has processed, so that neither Twilio's
/// retries nor a captured, signed request replayed later (a STOP) is applied twice.
/// Never a phone number, never what the person wrote.
/// </summary>
/// <remarks>
/// The cost per conversation is bounded: 8 bytes per delivery for the newest <see cref="ExactDeliveries"/>
/// (a 64-bit fingerprint), then a fixed <see cref="FilterBytes"/>-byte Bloom filter for all older ones:
/// at most <see cref="MaxDeliveryBytes"/> bytes (about 2 KB of base64 in the stored JSON), whatever
/// the number of messages. A filter never forgets (no replay is ever applied while the record exists);
/// its price is a false match, a new message taken for a repeat, with a chance that stays below one in
/// a million until about 100 deliveries have left the exact list and is about 1 in 800 after 500.
/// </remarks>
public sealed class ConversationRecord
{
    /// <summary>Newest deliveries kept as exact fingerprints.</summary>
    public const int ExactDeliveries = 64;
    /// <summary>Size of the filter that remembers every older delivery.</summary>
    public const int FilterBytes = 1024;
    private const int FilterHashes = 5;
    private const int FingerprintBytes = 8;
    /// <summary>The most this record spends on remembering deliveries, in bytes (before base64).</summary>
    public const int MaxDeliveryBytes = ExactDeliveries * FingerprintBytes + FilterBytes;

    public ConversationState? State { get; set; }
    public bool OptedOut { get; set; }
    /// <summary>The caller's language, kept when a call's own state ends so the next call can use it.</summary>
    public string? Culture { get; set; }
    /// <summary>The newest delivery and its reply: Twilio retries the message it is waiting on. (Older records listed up to three.)</summary>
    public List<RememberedReply> Recent { get; set; } = [];
    /// <summary>Fingerprints of the newest deliveries, oldest first (base64 of 8 bytes each).</summary>
    public string? Delivered { get; set; }
    /// <summary>A Bloom filter (base64) of every delivery that has left <see cref="Delivered"/>.</summary>
    public string? DeliveredBefore { get; set; }
    /// <summary>A call's turn counter: action URLs carry it, so a request for an earlier step is recognised.</summary>
    public int Step { get; set; }
    /// <summary>The directory id a call is being dialed to: Twilio's dial-ended request says how, not to whom.</summary>
    public string? TransferOrganization { get; set; }

    /// <summary>Whether this delivery was handled already; <paramref name="reply"/> is its reply if it was the last one, else null.</summary>
    public bool Seen(string deliveryId, out string? reply)
    {
        var remembered = Recent.FirstOrDefault(r => r.Id == deliveryId);
        reply = remembered?.Reply;
        if (remembered is not null) return true;
        var hash = Hash(deliveryId);
        return IndexOf(Fingerprints(), hash.AsSpan(0, FingerprintBytes)) >= 0 || InFilter(hash);
    }

    /// <summary>The reply to the newest delivery.</summary>
    [JsonIgnore] public string? LastReply => Recent.Count > 0 ? Recent[^1].Reply : null;

    public void Remember(string deliveryId, string reply)
    {
        var hash = Hash(deliveryId);
        var fingerprints = Fingerprints();
        if (IndexOf(fingerprints, hash.AsSpan(0, FingerprintBytes)) < 0)
        {
            var list = new List<byte[]>(fingerprints.Count + 1);
            list.AddRange(fingerprints);
            list.Add(hash[..FingerprintBytes]);
            if (list.Count > ExactDeliveries)
            {
                var filter = DeliveredBefore is null ? new byte[FilterBytes] : Convert.FromBase64String(DeliveredBefore);
                foreach (var evicted in list.Take(list.Count - ExactDeliveries)) AddToFilter(filter, evicted);
                DeliveredBefore = Convert.ToBase64String(filter);
                list.RemoveRange(0, list.Count - ExactDeliveries);
            }
            Delivered = Convert.ToBase64String(list.SelectMany(f => f).ToArray());
        }
        Recent = [new RememberedReply(deliveryId, reply)];
    }

    private List<byte[]> Fingerprints()
    {
        var list = new List<byte[]>();
        if (Delivered is not null)
        {
            var bytes = Convert.FromBase64String(Delivered);
            for (var i = 0; i + FingerprintBytes <= bytes.Length; i += FingerprintBytes) list.Add(bytes[i..(i + FingerprintBytes)]);
        }
        // A record written before fingerprints: its remembered ids count too.
        else foreach (var old in Recent) list.Add(Hash(old.Id)[..FingerprintBytes]);
        return list;
    }

    private static int IndexOf(List<byte[]> fingerprints, ReadOnlySpan<byte> fingerprint)
    {
        for (var i = 0; i < fingerprints.Count; i++)
            if (fingerprint.SequenceEqual(fingerprints[i])) return i;
        return -1;
    }

    private bool InFilter(byte[] hash)
    {
        if (DeliveredBefore is null) return false;
        var filter = Convert.FromBase64String(DeliveredBefore);
        foreach (var bit in FilterBits(hash))
            if ((filter[bit >> 3] & (1 << (bit & 7))) == 0) return false;
        return true;
    }

    private static void AddToFilter(byte[] filter, byte[] hash)
    {
        foreach (var bit in FilterBits(hash)) filter[bit >> 3] |= (byte)(1 << (bit & 7));
    }

    /// <summary>The filter's bit positions for a delivery, from the hash of its fingerprint (the first 8 bytes of its hash), so an evicted fingerprint is enough.</summary>
    private static IEnumerable<int> FilterBits(byte[] hash)
    {
        var ofFingerprint = SHA256.HashData(hash.AsSpan(0, FingerprintBytes));
        for (var i = 0; i < FilterHashes; i++) yield return BinaryPrimitives.ReadUInt16LittleEndian(ofFingerprint.AsSpan(2 * i)) % (FilterBytes * 8);
    }

    private static byte[] Hash(string deliveryId) => SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId));

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
        Delivered = Delivered,
        DeliveredBefore = DeliveredBefore,
        Step = Step,
        TransferOrganization = TransferOrganization,
    };
}

// The same ignore rule as the options above, so serialization takes the generated fast path.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationRecord))]
internal sealed partial class ConversationRecordJson : JsonSerializerContext;

public sealed record RememberedReply(string Id, string? Reply);
