using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Flows;
using Helpline.Core.Localization;
using Helpline.Core.Voice;

namespace Helpline.Core.Channels;

/// <summary>Seconds of audio a caller of one language hears before each thing they need.</summary>
/// <param name="OwnLanguageOption">From the call's start to the end of "for [their language], press N".</param>
/// <param name="MainMenu">From pressing their language's key to the end of the main menu's last option.</param>
/// <param name="CredibleFear">From the call's start to the end of the credible-fear answer (how to say you are afraid),
/// pressing each key as soon as its option has been heard.</param>
/// <param name="LargestMenu">The most options any voice menu offers.</param>
public sealed record CallTimes(string Culture, double OwnLanguageOption, double MainMenu, double CredibleFear, int LargestMenu, bool Estimated);

/// <summary>
/// Times a call as it sounds, prompt by prompt (<see cref="CallPrompts"/>): a recording or a stand-in by its real
/// duration (read from the file), Twilio's &lt;Say&gt; by an estimate per language (<see cref="SayCharactersPerSecond"/>).
/// </summary>
public static class CallTiming
{
    /// <summary>Seconds: every language option heard, and the main menu heard in full, within this.</summary>
    public const int Target = 25;

    /// <summary>Most options one voice menu may offer (the language menu aside: a caller listens for their own language).</summary>
    public const int MostOptions = 5;

    /// <summary>The pause Twilio leaves between two prompts of a turn, in seconds (an estimate).</summary>
    public const double PauseBetweenPrompts = 0.3;

    /// <summary>
    /// Speaking rate of Twilio's &lt;Say&gt; voices, in characters (spaces included) per second: English at about
    /// 150 words a minute; Spanish, Portuguese and French a little faster in characters (longer words, more
    /// syllables a second); Russian slower; Mandarin by Chinese characters (about 4 syllables a second); Punjabi
    /// in Gurmukhi letters and vowel signs. An estimate, documented in docs/cost-per-answer.md; recordings and
    /// stand-ins are measured, not estimated.
    /// </summary>
    public static double SayCharactersPerSecond(string? sayLanguage) => (sayLanguage ?? "")[..Math.Min(2, (sayLanguage ?? "").Length)] switch
    {
        "en" => 14,
        "es" => 15,
        "pt" => 15,
        "fr" => 14,
        "ru" => 13,
        "zh" => 4.5,
        "pa" => 11,
        _ => 13,
    };

    public static double Seconds(CallPrompt prompt) => prompt.Sound.Source switch
    {
        AudioSource.Recording or AudioSource.StandIn when prompt.Sound.File is not null => AudioDuration.Seconds(prompt.Sound.File) ?? 0,
        AudioSource.Tts => prompt.Text.Length / SayCharactersPerSecond(prompt.Locale.Voice.SayLanguage),
        _ => 0,
    } + PauseBetweenPrompts;

    public static IReadOnlyList<CallTimes> Measure(ContentBundle content, EngineOptions options)
    {
        var audio = new PromptAudio(content.AudioFolder);
        var engine = new ConversationEngine(content, TimeProvider.System, options);
        var flows = content.Compiled;
        var languageMenu = flows.Node(flows.LanguageMenu)!;
        var largest = flows.All.SelectMany(f => f.Nodes).Where(n => n.Kind is NodeKinds.Menu or NodeKinds.RegionMenu)
            .Select(n => n.OptionsOn(voice: true).Count).DefaultIfEmpty(0).Max();
        var results = new List<CallTimes>();

        foreach (var culture in languageMenu.Languages)
        {
            var estimated = false;
            double Time(IEnumerable<CallPrompt> prompts) => prompts.Sum(p => { estimated |= p.Sound.Source == AudioSource.Tts && p.Locale.Culture == culture; return Seconds(p); });

            // The call starts: the language menu, up to the end of this language's offer.
            var start = engine.Handle(null, new TurnInput(Channel.Voice, TurnKind.CallStarted));
            var opening = CallPrompts.Of(content, audio, start.Outputs, null);
            var digit = SentReplies.LanguageDigits(languageMenu)[languageMenu.Languages.IndexOf(culture)];
            var ownOption = Time(UpTo(opening, digit, culture));

            // The language chosen: welcome, keys, and the main menu to its last option.
            var chosen = engine.Handle(start.State, TurnInput.Keypad(digit));
            var menu = CallPrompts.Of(content, audio, chosen.Outputs, culture);
            var lastOption = menu.FindLastIndex(p => p.Digit is not null);
            var mainMenu = Time(menu.Take(lastOption + 1));

            // On to the credible-fear answer, pressing each key as soon as its option is heard, then every part.
            var fear = ownOption + Time(UpToDigit(menu, Step(flows, chosen.State!, SmsPaths.CredibleFear)));
            var state = chosen.State!;
            string? heard = null;
            for (var i = 0; i < 12 && state.Position != SmsPaths.CredibleFear; i++)
            {
                var key = Step(flows, state, SmsPaths.CredibleFear);
                if (key is null) break;
                var turn = engine.Handle(state, TurnInput.Keypad(key));
                state = turn.State!;
                var prompts = CallPrompts.Of(content, audio, turn.Outputs, culture);
                if (state.Position == SmsPaths.CredibleFear) { fear += Time(prompts); heard = state.Position; break; }
                fear += Time(UpToDigit(prompts, Step(flows, state, SmsPaths.CredibleFear)));
            }
            // Every further part: "press 1" for the next.
            for (var part = 0; heard is not null && part < 12; part++)
            {
                var turn = engine.Handle(state, TurnInput.Keypad(Commands.ContinueDigit));
                if (turn.State is null || turn.State.Position != SmsPaths.CredibleFear || turn.State.Page == state.Page) break;
                state = turn.State;
                fear += Time(CallPrompts.Of(content, audio, turn.Outputs, culture));
            }
            results.Add(new CallTimes(culture, ownOption, mainMenu, heard is null ? double.NaN : fear, largest, estimated));
        }
        return results;
    }

    /// <summary>The prompts up to and including the language's own offer.</summary>
    private static IEnumerable<CallPrompt> UpTo(List<CallPrompt> prompts, string digit, string culture)
    {
        var last = prompts.FindLastIndex(p => p.Digit == digit && p.Locale.Culture == culture);
        return prompts.Take(last + 1);
    }

    private static IEnumerable<CallPrompt> UpToDigit(List<CallPrompt> prompts, string? digit)
    {
        var last = digit is null ? -1 : prompts.FindLastIndex(p => p.Digit == digit);
        return last < 0 ? prompts : prompts.Take(last + 1);
    }

    /// <summary>The key that takes a call the shortest way towards the target (a call's own menus included).</summary>
    private static string? Step(CompiledFlows flows, ConversationState state, string target)
    {
        var here = state.Position;
        var first = new Dictionary<string, string>(StringComparer.Ordinal) { [here] = "" };
        var queue = new Queue<string>([here]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            var (flowId, nodeId) = CompiledFlows.Split(current);
            if (flows.Flow(flowId) is not { } flow || flow.Node(nodeId) is not { } node) continue;
            foreach (var (trigger, next) in flows.Edges(flow, node, voice: true))
            {
                if (first.ContainsKey(next)) continue;
                first[next] = current == here ? trigger : first[current];
                if (next == target) return first[next];
                queue.Enqueue(next);
            }
        }
        return null;
    }
}
