using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Helpline.Core.Channels;
using Helpline.Core.Engine;
using Helpline.Twilio;
using Helpline.Web.Content;
using Helpline.Web.Conversations;
using Helpline.Web.Metrics;
using Helpline.Web.State;

namespace Helpline.Web.Sms;

/// <summary>
/// POST /twilio/sms: one inbound SMS or WhatsApp message in, one TwiML reply out. Whatever happens
/// inside, Twilio gets valid TwiML: an empty &lt;Response/&gt; sends nothing, which is right after STOP.
/// </summary>
public sealed class SmsWebhook(ContentSource content, ConversationTurns turns, CallerKeys keys, CallerErasure erasure, FallbackReplies fallback, HelplineMetrics metrics, ILogger<SmsWebhook> logger)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var form = await request.ReadFormAsync(ct);
        var from = form["From"].ToString();
        var messageSid = form["MessageSid"].ToString();
        if (string.IsNullOrWhiteSpace(from))
        {
            logger.LogWarning("SMS webhook without From ({MessageSid}): refused", messageSid);
            return Results.Content(new TwimlResponse().ToString(), TwimlResponse.ContentType, Encoding.UTF8, StatusCodes.Status400BadRequest);
        }

        var channel = from.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? Channel.WhatsApp : Channel.Sms;
        var key = keys.For(channel == Channel.WhatsApp ? "whatsapp" : "sms", from);
        var body = form["Body"].ToString();
        var optOutType = form["OptOutType"].ToString();
        var delivery = DeliveryId(messageSid, request.Headers["I-Twilio-Idempotency-Token"].ToString());
        var log = new TurnLog(channel);

        string reply;
        try
        {
            reply = await turns.RunAsync(key, record => Turn(record, channel, body, optOutType, delivery, log), ct);
            // The turn erased this channel's record; the same number's other records go too.
            if (log.Outcome == "erased") await erasure.EraseAsync(from, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Never a 500: Twilio would send nothing, and the person would think the helpline is gone.
            logger.LogError(e, "SMS turn failed ({MessageSid}); answering with the degraded reply", messageSid);
            log.Outcome = "degraded";
            reply = fallback.SmsDegraded(log.Locale, channel);
        }

        logger.LogInformation("Turn {Channel} {Locale} {Node} {Outcome} in {DurationMs:0.0} ms ({MessageSid})",
            log.Channel, log.Locale ?? "-", log.Node ?? "-", log.Outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds, messageSid);
        metrics.TurnEnded(log, Stopwatch.GetElapsedTime(started));
        return Results.Content(reply, TwimlResponse.ContentType, Encoding.UTF8);
    }

    private ConversationTurns.Outcome<string> Turn(ConversationRecord record, Channel channel, string body, string optOutType, string? delivery, TurnLog log)
    {
        log.Locale = record.State?.Culture ?? record.Culture;
        if (delivery is not null && record.Seen(delivery, out var repeated))
        {
            // The last message again: the same reply. An older one: nothing, since a newer reply has gone out since.
            log.Outcome = "duplicate";
            return new(record, repeated ?? Empty) { Unchanged = true };
        }

        string reply;
        var decision = SmsTurn.Decide(content.Engine(), record.State, record.OptedOut, channel, body, optOutType);
        switch (decision.Kind)
        {
            case SmsTurnKind.OptedOut:
                record.OptedOut = true;
                log.Outcome = "opted-out";
                reply = Empty;
                break;
            case SmsTurnKind.ErasedSilently:
                log.Outcome = "erased";
                return new(null, Empty);
            case SmsTurnKind.Ignored:
                log.Outcome = "ignored-opted-out";
                return new(record, Empty) { Unchanged = true };
            default:
                var turn = decision.Turn!;
                record.OptedOut = false;
                log.Outcome = decision.OptedIn ? "opted-in" : turn.Outcome;
                if (turn.State is null)
                {
                    log.Node = null;
                    return new(null, Message(turn));
                }
                record.State = turn.State;
                record.Culture = turn.State.Culture;
                log.Locale = turn.State.Culture;
                log.Node = turn.State.Position;
                reply = Message(turn);
                break;
        }

        if (delivery is not null) record.Remember(delivery, reply);
        return new(record, reply);
    }

    private static string Message(TurnResult turn)
    {
        var text = SmsRenderer.Render(turn.Outputs);
        return text.Length == 0 ? Empty : new TwimlResponse().Message(text).ToString();
    }

    private static readonly string Empty = new TwimlResponse().ToString();

    /// <summary>The delivery's id, hashed: Twilio's ids are not stored as they are.</summary>
    private static string? DeliveryId(string messageSid, string idempotencyToken)
    {
        var id = !string.IsNullOrWhiteSpace(messageSid) ? messageSid : idempotencyToken;
        return string.IsNullOrWhiteSpace(id) ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32];
    }
}
