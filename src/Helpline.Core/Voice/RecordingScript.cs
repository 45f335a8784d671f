using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Helpline.Core.Content;
using Helpline.Core.Localization;

namespace Helpline.Core.Voice;

/// <summary>Where a prompt stands for a volunteer: what a caller hears now, and whether it needs recording.</summary>
public enum RecordingStatus { Recorded, Stale, StandIn, TwilioVoice, Missing }

/// <summary>One line of a recording script: a prompt in call order with its text, its English meaning and its status.</summary>
/// <param name="SaidIn">For the words of "for X, press N": the whole sentence they are cut from, so a volunteer says them as in it.</param>
public sealed record ScriptLine(
    int Order,
    string Key,
    string Text,
    string English,
    bool TextIsEnglish,
    RecordingStatus Status,
    double? Seconds,
    RecordingEntry? Recording,
    string? SaidIn = null)
{
    /// <summary>The text has a gap filled on the call (a name, a number): the recording leaves it out.</summary>
    public bool HasGap => Text.Contains('…');
}

/// <summary>
/// What a volunteer needs to record a language: every prompt a call can play, in call order, as a page
/// to print or read on a phone (HTML, right-to-left where the language is) and as CSV for a spreadsheet.
/// </summary>
public static partial class RecordingScript
{
    public static IReadOnlyList<ScriptLine> Lines(ContentBundle content, Locale locale)
    {
        var audio = new PromptAudio(content);
        var manifest = RecordingManifest.Read(Path.Combine(content.AudioFolder, locale.Culture));
        var english = content.Locales.English;
        var lines = new List<ScriptLine>();
        foreach (var key in VoicePrompts.InCallOrder(content, locale))
        {
            var found = VoicePrompts.Text(content.Locales, locale.Culture, key);
            var sound = audio.Resolve(locale, key);
            var recording = audio.RecordingFile(locale.Culture, key);
            var status = sound.Stale ? RecordingStatus.Stale : sound.Source switch
            {
                AudioSource.Recording => RecordingStatus.Recorded,
                AudioSource.Tts => RecordingStatus.TwilioVoice,
                AudioSource.StandIn => RecordingStatus.StandIn,
                _ => RecordingStatus.Missing,
            };
            lines.Add(new(
                lines.Count + 1,
                key,
                Gap(found?.Value ?? ""),
                Gap(VoicePrompts.Text(content.Locales, english.Culture, key)?.Value ?? ""),
                found is null || found.IsFallback,
                status,
                recording is null ? null : PcmAudio.DurationOf(recording),
                recording is null ? null : manifest.Of(key),
                OptionParts.IsPart(key) ? Gap(content.Locales.Find(locale.Culture, OptionParts.TemplateKey)?.Value ?? "") : null));
        }
        return lines;
    }

    public static string StatusText(RecordingStatus status) => status switch
    {
        RecordingStatus.Recorded => "recorded",
        RecordingStatus.Stale => "stale: text changed, record again",
        RecordingStatus.StandIn => "stand-in (synthetic voice): record",
        RecordingStatus.TwilioVoice => "Twilio voice (recording optional)",
        _ => "missing: record",
    };

    public static string Csv(IReadOnlyList<ScriptLine> lines)
    {
        var csv = new StringBuilder();
        csv.Append("order,key,file_name,status,text,english,text_is_english,seconds,recorded_by,recorded_at\r\n");
        foreach (var l in lines)
        {
            csv.AppendJoin(',', [
                l.Order.ToString(CultureInfo.InvariantCulture), Field(l.Key), Field(l.Key + ".m4a"), Field(StatusText(l.Status)), Field(l.Text), Field(l.English),
                l.TextIsEnglish ? "yes" : "no", l.Seconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "",
                Field(l.Recording?.RecordedBy ?? ""), l.Recording?.RecordedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""]);
            csv.Append("\r\n");
        }
        return csv.ToString();
    }

    public static string Html(Locale locale, IReadOnlyList<ScriptLine> lines, DateOnly today)
    {
        var dir = locale.IsRightToLeft ? "rtl" : "ltr";
        var toRecord = lines.Count(l => l.Status is RecordingStatus.Stale or RecordingStatus.StandIn or RecordingStatus.Missing);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Recording script: {{E(locale.EnglishName)}} ({{E(locale.Culture)}})</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 1rem auto; max-width: 50rem; padding: 0 1rem; line-height: 1.45; color: #111; }
            .prompt { border-top: 1px solid #bbb; padding: .6rem 0; break-inside: avoid; }
            .head { font-size: .85rem; color: #444; }
            .key { font-family: ui-monospace, monospace; font-weight: bold; color: #000; }
            .text { font-size: 1.35rem; margin: .3rem 0; }
            .english { font-size: .9rem; color: #444; }
            .status-recorded .text, .status-twilio .text { color: #555; }
            .badge { display: inline-block; padding: 0 .4rem; border-radius: .3rem; background: #eee; }
            .status-missing .badge, .status-stale .badge, .status-standin .badge { background: #ffe08a; }
            @media print { .prompt { page-break-inside: avoid; } }
            </style>
            </head>
            <body>
            <h1>Recording script: {{E(locale.Name)}} · {{E(locale.EnglishName)}}</h1>
            <p>{{lines.Count}} prompts in the order a caller hears them; <strong>{{toRecord}} to record</strong> (marked in yellow). Made {{today:yyyy-MM-dd}}.</p>
            <ol class="how">
            <li>Find a quiet room. Hold the phone a hand's width from your mouth. Speak calmly and clearly, a little slower than usual.</li>
            <li>Record each prompt as its own file, exactly the words shown. Name the file with the key shown in bold, e.g. <span class="key">{{E(lines.FirstOrDefault()?.Key ?? "main.prompt")}}.m4a</span> (a number in front, like <span class="key">001_</span>, is fine). Voice memos, WhatsApp voice notes (OGG), MP3 or WAV all work.</li>
            <li>Where the text shows …, a name or number is added on the call: leave it out and do not pause long.</li>
            <li>Send the files (or one zip) to your coordinator, who runs <code>helpline audio import {{E(locale.Culture)}} FOLDER</code> or uses the recording page of the admin area.</li>
            </ol>

            """);
        foreach (var l in lines)
        {
            var css = l.Status switch
            {
                RecordingStatus.Recorded => "recorded",
                RecordingStatus.Stale => "stale",
                RecordingStatus.StandIn => "standin",
                RecordingStatus.TwilioVoice => "twilio",
                _ => "missing",
            };
            html.Append(CultureInfo.InvariantCulture, $"""
                <div class="prompt status-{css}">
                <div class="head">{l.Order}. <span class="key">{E(l.Key)}</span> · <span class="badge">{E(StatusText(l.Status))}</span>{(l.Recording is { } r ? $" · {E(r.RecordedBy)}, {r.RecordedAt:yyyy-MM-dd}" : "")}{(l.Seconds is { } s ? $" · {s:0.0} s" : "")}</div>
                <div class="text" lang="{E(l.TextIsEnglish ? "en" : locale.Culture)}" dir="{(l.TextIsEnglish ? "ltr" : dir)}">{E(l.Text)}</div>
                {(l.SaidIn is { } said ? $"<div class=\"english\">Said with every menu choice, as part of: <span lang=\"{E(locale.Culture)}\" dir=\"{dir}\">{E(said)}</span> (each … is a topic or \"press N\", recorded on its own)</div>" : "")}
                {(l.TextIsEnglish ? "<div class=\"english\">Not translated yet: callers hear English here.</div>" : $"<div class=\"english\" lang=\"en\" dir=\"ltr\">English: {E(l.English)}</div>")}
                </div>

                """);
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string Gap(string text) => Placeholder().Replace(text, "…");

    // Every script left as it is (WebUtility would write "ó" as "&#243;"); only markup characters are escaped.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string E(string text) => Encoder.Encode(text);

    private static string Field(string value)
    {
        // A cell starting with = + - @ would run as a formula in a spreadsheet: quote it as text.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || value.StartsWith('\'') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
