namespace Helpline.Web.State;

/// <summary>
/// "Delete my data": every record the helpline keeps for one number, whichever channel the request
/// came on: the SMS conversation, the WhatsApp conversation and the caller's remembered language for
/// calls. (A call's own record is keyed by the call, not the number; the call that asks is erased by
/// its webhook, and others expire within <c>VoiceWebhook.CallStateLifetime</c>.)
/// </summary>
public sealed class CallerErasure(IConversationStore store, CallerKeys keys)
{
    private const string WhatsAppPrefix = "whatsapp:";

    /// <summary>The keys of every record kept for the number in <paramref name="address"/> (a From, with or without "whatsapp:").</summary>
    public IReadOnlyList<string> KeysFor(string address)
    {
        var number = address.Trim();
        if (number.StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase)) number = number[WhatsAppPrefix.Length..];
        return [keys.For("sms", number), keys.For("whatsapp", WhatsAppPrefix + number), keys.For("voice", number)];
    }

    /// <summary>Deletes them together (the SQLite store commits them in one group and then clears its WAL).</summary>
    public Task EraseAsync(string address, CancellationToken ct) =>
        Task.WhenAll(KeysFor(address).Select(key => store.DeleteAsync(key, ct)));
}
