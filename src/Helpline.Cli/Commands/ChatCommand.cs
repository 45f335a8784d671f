using System.Text.Json;
using Helpline.Core.Channels;
using Helpline.Core.Engine;
using Helpline.Core.Voice;

namespace Helpline.Cli.Commands;

/// <summary>
/// Talk to the helpline in a terminal as a texter (or, with --voice, as a caller pressing keys).
/// One line in, the reply out; works interactively and piped.
/// </summary>
public static class ChatCommand
{
    public static int Run(CliArgs args, TextReader input, TextWriter output)
    {
        var content = args.LoadContent();
        if (content is null) return 1;
        var engine = new ConversationEngine(content, TimeProvider.System, new EngineOptions { SmsSegmentBudget = args.GetInt("budget", 4), MarkLanguagesUnderReview = args.Has("mark-under-review") });
        var voice = args.Has("voice");
        var json = args.Has("json");
        var audio = new PromptAudio(content);
        ConversationState? state = null;

        if (voice)
        {
            var started = engine.Handle(state, new TurnInput(Channel.Voice, TurnKind.CallStarted));
            state = started.State;
            Write(output, started, voice, json, audio, engine);
        }

        while (input.ReadLine() is { } line)
        {
            var turn = voice
                ? engine.Handle(state, line.Length == 0 ? new TurnInput(Channel.Voice, TurnKind.Silence) : TurnInput.Keypad(line))
                : engine.Handle(state, TurnInput.Sms(line));
            state = turn.State;
            Write(output, turn, voice, json, audio, engine);
            if (voice && turn.Outputs.OfType<HangupOutput>().Any()) break;
        }
        return 0;
    }

    private static void Write(TextWriter output, TurnResult turn, bool voice, bool json, PromptAudio audio, ConversationEngine engine)
    {
        var messages = voice ? VoiceLines(turn, audio, engine) : [SmsRenderer.Render(turn.Outputs)];
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new { messages }));
            return;
        }
        foreach (var message in messages) output.WriteLine(message);
        output.WriteLine(voice ? "" : "--");
    }

    /// <summary>What a caller would hear, each prompt marked with where its sound comes from.</summary>
    private static List<string> VoiceLines(TurnResult turn, PromptAudio audio, ConversationEngine engine)
    {
        string Mark(PromptSound sound, Helpline.Core.Localization.Locale l) => sound.Source switch
        {
            AudioSource.Recording => "[recording]",
            AudioSource.Tts => $"[say {l.Voice.SayLanguage}]",
            AudioSource.StandIn => "[stand-in]",
            _ => "[MISSING]",
        };
        var lines = new List<string>();
        foreach (var o in turn.Outputs)
        {
            switch (o)
            {
                case TextOutput or ChoicesOutput or LanguageChoicesOutput:
                    // As the call plays it (CallPrompts): a menu choice's clips ("for", the topic, "press N") on one line.
                    var prompts = CallPrompts.Of(engine.Content, audio, [o], turn.State?.Culture);
                    foreach (var choice in prompts.GroupBy(p => p.Digit is null ? (object)p : (p.Digit, p.Locale.Culture)))
                        lines.Add($"{string.Join("", choice.Select(p => Mark(p.Sound, p.Locale)).Distinct())} {string.Join(" ", choice.Select(p => p.Text))}");
                    break;
                case TransferOutput t:
                    lines.Add($"[dial {t.Number}] {t.Organization.Name}");
                    break;
                case SendTextOutput s:
                    lines.AddRange(s.Messages.Select(m => $"[text message] {m}"));
                    break;
                case HangupOutput:
                    lines.Add("[hang up]");
                    break;
            }
        }
        return lines;
    }
}
