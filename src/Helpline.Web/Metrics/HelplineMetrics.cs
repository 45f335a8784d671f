using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Helpline.Web.Conversations;

namespace Helpline.Web.Metrics;

/// <summary>
/// How the helpline is used, counted on one <see cref="System.Diagnostics.Metrics.Meter"/>: turns per channel,
/// language and node, how turns end, transfers per organization, opt-outs, "text me this", degraded replies,
/// floods and webhook time. Every label comes from a bounded set the helpline itself defines (channels,
/// locale cultures, flow node ids, directory ids, fixed words), never from the person: no number, no caller
/// key, nothing they wrote. A value outside its set is counted as "other" rather than trusted.
/// </summary>
public sealed partial class HelplineMetrics
{
    public const string MeterName = "Helpline";

    /// <summary>Twilio gives up on a webhook after 15 s; the buckets are finest where a reply should be and end there.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

    private readonly Counter<long> _turns;
    private readonly Counter<long> _outcomes;
    private readonly Counter<long> _transfers;
    private readonly Counter<long> _optOuts;
    private readonly Counter<long> _optIns;
    private readonly Counter<long> _textMe;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _duration;

    public HelplineMetrics(IMeterFactory meters)
    {
        // From the host's factory, not a static Meter: each host (and each test's app) counts on its own.
        Meter = meters.Create(MeterName);
        _turns = Meter.CreateCounter<long>("helpline.turns", description: "Webhook turns by channel, language (- before one is chosen) and the flow node the conversation is at after the turn.");
        _outcomes = Meter.CreateCounter<long>("helpline.turn_outcomes", description: "Webhook turns by channel and what the turn did (option: a menu option was chosen).");
        _transfers = Meter.CreateCounter<long>("helpline.transfers", description: "Call transfers by directory organization: started, then how the dial ended.");
        _optOuts = Meter.CreateCounter<long>("helpline.opt_outs", description: "STOP (or another opt-out word) honoured.");
        _optIns = Meter.CreateCounter<long>("helpline.opt_ins", description: "START (or another opt-in word) after an opt-out.");
        _textMe = Meter.CreateCounter<long>("helpline.text_me", description: "\"Text me this\" requests confirmed on a call, by what became of them: sent (Twilio took every message), failed, refused (not queued: the queue was full or the caller's number unknown) or abandoned (unsent at shutdown).");
        _errors = Meter.CreateCounter<long>("helpline.errors", description: "Turns that failed inside the helpline and got the degraded reply.");
        _rateLimited = Meter.CreateCounter<long>("helpline.rate_limited", description: "Messages past the per-sender limit, answered with nothing.");
        _refused = Meter.CreateCounter<long>("helpline.webhook_refusals", description: "Webhook requests refused before any turn, by reason (unsigned, bad-signature, too-large, malformed, not-a-form, over-caller-limit, ...).");
        _duration = Meter.CreateHistogram<double>("helpline.webhook.duration", unit: "s", description: "Time to answer a webhook turn.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    public Meter Meter { get; }

    /// <summary>One webhook turn, counted from what its log event says, once it is over (a turn retried on a write race counts once).</summary>
    public void TurnEnded(TurnLog turn, TimeSpan duration)
    {
        var channel = new KeyValuePair<string, object?>("channel", ChannelLabel(turn.Channel));
        _turns.Add(1, channel, new("locale", LocaleLabel(turn.Locale)), new("node", NodeLabel(turn.Node)));
        _outcomes.Add(1, channel, new("outcome", OutcomeLabel(turn.Outcome)));
        switch (turn.Outcome)
        {
            case "opted-out": _optOuts.Add(1, channel); break;
            case "opted-in": _optIns.Add(1, channel); break;
            case "text-me-refused": TextMeEnded("refused"); break;
            case "degraded": _errors.Add(1, channel); break;
        }
        _duration.Record(duration.TotalSeconds, channel);
    }

    /// <summary>What became of a confirmed "text me this": sent, failed, refused or abandoned.</summary>
    public void TextMeEnded(string result) =>
        _textMe.Add(1, new KeyValuePair<string, object?>("result", result is "sent" or "failed" or "refused" or "abandoned" ? result : Other));

    /// <summary>A call is being dialed to this directory organization.</summary>
    public void TransferStarted(string? organization)
    {
        if (organization is null) return;
        _transfers.Add(1, new("organization", OrganizationLabel(organization)), new("outcome", "started"));
    }

    /// <summary>A dial ended; <paramref name="dialCallStatus"/> is Twilio's DialCallStatus.</summary>
    public void TransferEnded(string? organization, string? dialCallStatus)
    {
        if (organization is null) return;
        _transfers.Add(1, new("organization", OrganizationLabel(organization)), new("outcome", DialOutcome(dialCallStatus)));
    }

    /// <summary>A message refused by the per-sender limit; only its channel is read from the request.</summary>
    public void RateLimited(HttpRequest request)
    {
        var channel = request.Path.StartsWithSegments("/twilio/voice") ? "voice"
            : request.HasFormContentType && request.Form["From"].ToString().StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? "whatsapp"
            : "sms";
        _rateLimited.Add(1, new KeyValuePair<string, object?>("channel", channel));
    }

    /// <summary>A webhook request refused; the reason is one of a fixed set of words (see Helpline.Twilio.WebhookRefusal).</summary>
    public void WebhookRefused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public const string Unknown = "-";
    public const string Other = "other";

    /// <summary>
    /// Turn outcomes the engine and the webhooks write. An allow-list rather than a pattern: a new outcome
    /// shows up as "other" until it is added here, and nothing a person sent can ever become a label.
    /// </summary>
    private static readonly HashSet<string> KnownOutcomes = new(StringComparer.Ordinal)
    {
        // engine
        "call-started", "empty", "erased", "language-by-name", "language-chosen", "language-menu", "help",
        "next", "menu", "back", "repeat", "more", "language", "not-an-option", "silence", "gave-up",
        "transfer", "transfer-next", "transfer-failed", "transfer-completed", "text-me-offered", "text-me", "text-me-cancelled",
        // webhooks
        "duplicate", "stale-step", "opted-out", "ignored-opted-out", "opted-in", "degraded", "text-me-refused",
    };

    public static string ChannelLabel(string channel) => channel.ToLowerInvariant() switch
    {
        "sms" => "sms",
        "whatsapp" => "whatsapp",
        "voice" => "voice",
        _ => Other,
    };

    /// <summary>An option's digit is the engine's outcome when one is chosen; which digit is in the node label already.</summary>
    public static string OutcomeLabel(string outcome) =>
        outcome.Length > 0 && outcome.All(char.IsAsciiDigit) ? "option" : KnownOutcomes.Contains(outcome) ? outcome : Other;

    public static string LocaleLabel(string? culture) => culture is null ? Unknown : CulturePattern().IsMatch(culture) ? culture : Other;

    public static string NodeLabel(string? node) => node is null ? Unknown : NodePattern().IsMatch(node) ? node : Other;

    public static string OrganizationLabel(string organization) => IdPattern().IsMatch(organization) ? organization : Other;

    /// <summary>Twilio's DialCallStatus; "answered" is a completed call too (as the engine treats it).</summary>
    public static string DialOutcome(string? status) => status switch
    {
        "completed" or "answered" => "completed",
        "busy" or "no-answer" or "failed" or "canceled" => status,
        _ => "unknown",
    };

    // The shapes of culture codes, "flow/node" ids and directory ids: no '+', no ':', no long digit runs.
    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z]{2,4})?$")]
    private static partial Regex CulturePattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,39}/[a-z][a-z0-9_-]{0,39}$")]
    private static partial Regex NodePattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();
}
