using System.Diagnostics;
using System.Globalization;
using System.Text;
using Helpline.Core.Engine;
using Helpline.Twilio;
using Helpline.Web.Content;
using Helpline.Web.Conversations;
using Helpline.Web.Metrics;
using Helpline.Web.Sms;
using Helpline.Web.State;
using Microsoft.Extensions.Options;

namespace Helpline.Web.Voice;

/// <summary>
/// The phone line: POST /twilio/voice answers a call; /gather, /silence and /dial carry it on.
/// Each response's action URLs carry the call's step, so a request Twilio repeats gets the same
/// TwiML and does not move the call on twice.
/// </summary>
public sealed class VoiceWebhook(
    ContentSource content,
    ConversationTurns turns,
    IConversationStore store,
    CallerKeys keys,
    TextMeQueue textMe,
    CallerErasure erasure,
    FallbackReplies fallback,
    CallRenderers renderers,
    HelplineMetrics metrics,
    ILogger<VoiceWebhook> logger)
{
    /// <summary>A call's own state is only needed while it lasts.</summary>
    public static readonly TimeSpan CallStateLifetime = TimeSpan.FromHours(2);

    public Task<IResult> CallStartedAsync(HttpRequest request, CancellationToken ct) => HandleAsync(request, "start", ct);
    public Task<IResult> GatherAsync(HttpRequest request, CancellationToken ct) => HandleAsync(request, "gather", ct);
    public Task<IResult> SilenceAsync(HttpRequest request, CancellationToken ct) => HandleAsync(request, "silence", ct);
    public Task<IResult> DialEndedAsync(HttpRequest request, CancellationToken ct) => HandleAsync(request, "dial", ct);

    private async Task<IResult> HandleAsync(HttpRequest request, string kind, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var form = await request.ReadFormAsync(ct);
        var callSid = form["CallSid"].ToString();
        var from = form["From"].ToString();
        var to = form["To"].ToString();
        if (string.IsNullOrWhiteSpace(callSid))
        {
            logger.LogWarning("Voice webhook without CallSid: refused");
            return Results.Content(new TwimlResponse().Hangup().ToString(), TwimlResponse.ContentType, Encoding.UTF8, StatusCodes.Status400BadRequest);
        }

        var step = int.TryParse(request.Query["s"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var input = Input(kind, form);
        var deliveryId = $"{kind}:{step}:{form["Digits"]}{form["DialCallStatus"]}";
        var callerKey = string.IsNullOrWhiteSpace(from) ? null : keys.For("voice", from);
        var log = new TurnLog(Channel.Voice);

        string reply;
        try
        {
            // The caller's language is read when a call starts, and written only when a turn changes it.
            var remembered = kind == "start" && callerKey is not null ? await RememberedCultureAsync(callerKey, ct) : null;
            var callKey = keys.For("call", callSid);
            var turn = await turns.RunAsync(callKey, record => Turn(record, input, step, deliveryId, remembered, to, log), ct, CallStateLifetime);
            reply = turn.Reply;
            metrics.TransferEnded(turn.DialEnded, form["DialCallStatus"].ToString());
            metrics.TransferStarted(turn.Dialing);
            if (turn.Texts is { Count: > 0 } texts)
                reply = await QueueTextsAsync(callKey, new TextMeRequest(callSid, from, to, texts), turn, deliveryId, log, ct);
            // "Delete my data" said on a call: the call's record is gone with the turn; the number's other records go too.
            if (log.Outcome == "erased" && !string.IsNullOrWhiteSpace(from)) await erasure.EraseAsync(from, ct);
            if (callerKey is not null && turn.LanguageChanged && log.Locale is not null && log.Outcome != "erased")
                await turns.RunAsync(callerKey, r => { r.Culture = log.Locale; return new ConversationTurns.Outcome<bool>(r, true); }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Twilio would otherwise read its own English error and hang up on the caller.
            logger.LogError(e, "Voice turn failed ({CallSid}); answering with the degraded reply", callSid);
            log.Outcome = "degraded";
            reply = fallback.VoiceDegraded(log.Locale, step, to);
        }

        logger.LogInformation("Turn {Channel} {Locale} {Node} {Outcome} in {DurationMs:0.0} ms ({CallSid})",
            log.Channel, log.Locale ?? "-", log.Node ?? "-", log.Outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds, callSid);
        metrics.TurnEnded(log, Stopwatch.GetElapsedTime(started));
        return Results.Content(reply, TwimlResponse.ContentType, Encoding.UTF8);
    }

    private static TurnInput Input(string kind, IFormCollection form) => kind switch
    {
        "start" => new TurnInput(Channel.Voice, TurnKind.CallStarted),
        "silence" => new TurnInput(Channel.Voice, TurnKind.Silence),
        "dial" => new TurnInput(Channel.Voice, form["DialCallStatus"].ToString() is "completed" or "answered" ? TurnKind.TransferCompleted : TurnKind.TransferFailed),
        _ => string.IsNullOrEmpty(form["Digits"]) && !string.IsNullOrWhiteSpace(form["SpeechResult"])
            ? new TurnInput(Channel.Voice, TurnKind.Message, form["SpeechResult"].ToString())
            : string.IsNullOrEmpty(form["Digits"]) ? new TurnInput(Channel.Voice, TurnKind.Silence) : TurnInput.Keypad(form["Digits"].ToString()),
    };

    /// <summary>What one call turn produced: the TwiML, and any "text me this" messages still to send.</summary>
    private sealed record CallTurn(string Reply, IReadOnlyList<string>? Texts, IReadOnlyList<Output> Outputs, string? Culture, int Step)
    {
        /// <summary>The turn chose a language other than the one the call had (or the caller's remembered one).</summary>
        public bool LanguageChanged { get; init; }
        /// <summary>The organization whose dial this turn reports the end of.</summary>
        public string? DialEnded { get; init; }
        /// <summary>The organization this turn starts dialing.</summary>
        public string? Dialing { get; init; }
    }

    private ConversationTurns.Outcome<CallTurn> Turn(ConversationRecord record, TurnInput input, int step, string deliveryId, string? remembered, string to, TurnLog log)
    {
        log.Locale = record.State?.Culture ?? remembered;
        if (record.Seen(deliveryId, out var repeated) && (repeated ?? record.LastReply) is { } again)
        {
            log.Outcome = "duplicate";
            return new(record, new CallTurn(again, null, [], log.Locale, record.Step)) { Unchanged = true };
        }
        if (input.Kind != TurnKind.CallStarted && step != record.Step && record.LastReply is { } last)
        {
            // A late or repeated request for an earlier step: say again what was said last, change nothing.
            log.Outcome = "stale-step";
            return new(record, new CallTurn(last, null, [], log.Locale, record.Step)) { Unchanged = true };
        }

        var state = record.State ?? (remembered is null ? null : new ConversationState { Culture = remembered });
        var before = state?.Culture;
        var turn = content.Engine().Handle(state, input);
        record.State = turn.State;
        record.Step++;
        log.Locale = turn.State?.Culture;
        log.Node = turn.State?.Position;
        log.Outcome = turn.Outcome;
        var dialEnded = input.Kind is TurnKind.TransferCompleted or TurnKind.TransferFailed ? record.TransferOrganization : null;
        record.TransferOrganization = turn.Outputs.OfType<TransferOutput>().FirstOrDefault()?.Organization.Id;

        var texts = turn.Outputs.OfType<SendTextOutput>().SelectMany(t => t.Messages).ToList();
        var reply = renderers.Current().Render(turn.Outputs, log.Locale, record.Step, to);
        record.Remember(deliveryId, reply);
        var erased = turn.Outputs.OfType<EraseDataOutput>().Any();
        return new(erased ? null : record, new CallTurn(reply, texts, turn.Outputs, log.Locale, record.Step)
        {
            DialEnded = dialEnded,
            Dialing = record.TransferOrganization,
            LanguageChanged = log.Locale is not null && log.Locale != before,
        });
    }

    /// <summary>
    /// "Text me this": queued after the turn is saved, so a retried request cannot send twice, and sent
    /// by <see cref="TextMeSender"/> so the call is answered at once however slow Twilio is. The caller
    /// hears "sending"; if it cannot even be queued (no number to send to, the queue full, the host
    /// stopping) they hear at once that it could not be sent, and the remembered reply says so too.
    /// </summary>
    private async Task<string> QueueTextsAsync(string callKey, TextMeRequest request, CallTurn turn, string deliveryId, TurnLog log, CancellationToken ct)
    {
        var queued = !string.IsNullOrWhiteSpace(request.To) && !string.IsNullOrWhiteSpace(request.From) && textMe.TryEnqueue(request);
        if (queued) return turn.Reply;

        log.Outcome = "text-me-refused";
        logger.LogWarning("Text-me SMS not queued: {Reason} ({CallSid})", string.IsNullOrWhiteSpace(request.To) || string.IsNullOrWhiteSpace(request.From) ? "no number" : "queue full or closed", request.CallSid);
        var failedText = content.Current.Locales.Text(turn.Culture ?? "en", Keys.VoiceTextFailed);
        var outputs = turn.Outputs.Select(o => o is TextOutput { Key: Keys.VoiceTextSending } ? new TextOutput(Keys.VoiceTextFailed, failedText) : o).ToList();
        var reply = renderers.Current().Render(outputs, turn.Culture, turn.Step, request.From);
        await turns.RunAsync(callKey, r => { r.Remember(deliveryId, reply); return new ConversationTurns.Outcome<bool>(r, true); }, ct, CallStateLifetime);
        return reply;
    }

    private async Task<string?> RememberedCultureAsync(string callerKey, CancellationToken ct)
    {
        var stored = await store.GetAsync(callerKey, ct);
        return stored is null ? null : ConversationRecord.FromJson(stored.Json).Culture;
    }
}
