using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Flows;
using Helpline.Core.Localization;

namespace Helpline.Core.Voice;

/// <summary>
/// Every locale text a call can say: what needs a recording, a Twilio voice or a stand-in in each
/// voice locale. SMS-only texts (footers, "reply MORE", typed commands) are left out.
/// </summary>
public static class VoicePrompts
{
    private static readonly string[] EngineKeys =
    [
        Engine.Keys.LanguageTitle, Engine.Keys.LanguageOffer, Engine.Keys.UnderReviewNote, Engine.Keys.NotAnOption, Engine.Keys.Apology, Engine.Keys.NoneFound, Engine.Keys.RegionChosen, Engine.Keys.RegionOther,
        Engine.Keys.VoiceKeys, Engine.Keys.VoiceMore, Engine.Keys.VoiceAnswerEnd, Engine.Keys.VoiceMenuFooter, Engine.Keys.VoiceNoInput, Engine.Keys.VoiceGoodbye,
        Engine.Keys.VoiceTextConfirm, Engine.Keys.VoiceTextSending, Engine.Keys.VoiceTextFailed, Engine.Keys.VoiceConnecting, Engine.Keys.VoiceTransferFailed,
        Engine.Keys.VoiceTransferNext, Engine.Keys.VoiceAfterCall, Engine.Keys.GeneralInformation,
    ];

    /// <summary>The keys as a call looks them up: a ".voice" variant where English has one.</summary>
    public static IReadOnlyList<string> For(ContentBundle content)
    {
        var english = content.Locales.English.Texts;
        string Spoken(string key) => english.ContainsKey(key + ConversationEngine.VoiceSuffix) ? key + ConversationEngine.VoiceSuffix : key;

        var keys = new List<string>();
        keys.AddRange(EngineKeys);
        keys.AddRange("0123456789*#".Select(d => Engine.Keys.Press(d.ToString())));
        // "For X, press N" from files: the template's words around X and N, where some locale says any.
        keys.AddRange(OptionParts.Keys.Where(k => content.Locales.Locales.Any(l => OptionParts.IsSaid(content.Locales, l, k))));
        foreach (var flow in content.Flows)
        {
            foreach (var node in flow.Nodes)
            {
                if (node.Kind == NodeKinds.LanguageMenu) { if (node.Intro is not null) keys.Add(node.Intro); continue; }
                if (node.Prompt is not null) keys.Add(node.Prompt);
                keys.AddRange(node.Texts);
                keys.AddRange(node.AllOptions.Select(o => o.Label));
            }
        }
        foreach (var organization in content.Directory.All.Where(o => o.IsShown))
        {
            keys.Add(organization.Description);
            if (organization.WebsiteSpoken is not null) keys.Add(organization.WebsiteSpoken);
        }
        return [.. keys.Select(Spoken).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The keys a call in this locale can say: a part of "for X, press N" only where its template has words there.</summary>
    public static IReadOnlyList<string> For(ContentBundle content, Locale locale) =>
        [.. For(content).Where(k => !OptionParts.IsPart(k) || OptionParts.IsSaid(content.Locales, locale, k))];

    /// <summary>The text of a call prompt's key in a culture (else English's), a part of "for X, press N" included; null when there is none.</summary>
    public static LocalizedText? Text(LocaleCatalog catalog, string culture, string key) =>
        OptionParts.IsPart(key) ? OptionParts.Find(catalog, culture, key) : catalog.Find(culture, key);

    /// <summary>
    /// The same keys in the order a caller first meets them: the language menu, how the keys work, then
    /// each menu and what it leads to, breadth first from the language menu (a volunteer records the way
    /// a call unfolds); what only a mishap says (no input, a failed transfer) comes last.
    /// </summary>
    public static IReadOnlyList<string> InCallOrder(ContentBundle content, Locale? locale = null)
    {
        var all = locale is null ? For(content) : For(content, locale);
        var known = all.ToHashSet(StringComparer.Ordinal);
        var english = content.Locales.English.Texts;
        string Spoken(string key) => english.ContainsKey(key + ConversationEngine.VoiceSuffix) ? key + ConversationEngine.VoiceSuffix : key;
        var ordered = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? key)
        {
            if (key is null) return;
            key = Spoken(key);
            if (known.Contains(key) && seen.Add(key)) ordered.Add(key);
        }

        var compiled = content.Compiled;
        var queue = new Queue<string>([compiled.LanguageMenu]);
        var visited = new HashSet<string>(StringComparer.Ordinal) { compiled.LanguageMenu };
        var firstMenu = true;
        while (queue.Count > 0)
        {
            var (flowId, nodeId) = CompiledFlows.Split(queue.Dequeue());
            if (compiled.Flow(flowId) is not { } flow || flow.Node(nodeId) is not { } node) continue;
            if (node.Kind == NodeKinds.LanguageMenu)
            {
                Add(node.Intro);
                Add(Engine.Keys.LanguageOffer);
                foreach (var digit in node.Languages.Select((_, i) => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))) Add(Engine.Keys.Press(digit));
            }
            else
            {
                Add(node.Prompt);
                node.Texts.ForEach(Add);
                foreach (var option in node.Options)
                {
                    // Said with every option from files ("for ... press"), so met with the first.
                    Add(OptionParts.StartKey);
                    Add(option.Label);
                    Add(OptionParts.MiddleKey);
                    Add(Engine.Keys.Press(option.Digit));
                    Add(OptionParts.EndKey);
                }
                if (node.Options.Count > 0 && firstMenu)
                {
                    // After the first menu a caller is told how the keys work.
                    firstMenu = false;
                    Add(Engine.Keys.VoiceKeys);
                    Add(Engine.Keys.VoiceMenuFooter);
                    Add(Engine.Keys.UnderReviewNote); // a language still under review says it after the main menu
                }
                if (node.Kind == NodeKinds.Directory)
                {
                    foreach (var organization in content.Directory.All.Where(o => o.IsShown && (node.Need is null || o.Needs.Contains(node.Need))))
                    {
                        Add(organization.Description);
                        Add(organization.WebsiteSpoken);
                    }
                }
            }
            foreach (var (_, target) in compiled.Edges(flow, node))
                if (visited.Add(target)) queue.Enqueue(target);
        }
        foreach (var key in all) Add(key);
        return ordered;
    }
}

/// <summary>
/// What a caller hears in one language: how many call prompts are recorded (and current), stale
/// recordings, Twilio's voice, stand-ins, or nothing, and the seconds of audio in the files that play.
/// </summary>
/// <param name="Stale">Recordings whose text changed since; counted here, not under Recorded, whatever plays meanwhile.</param>
/// <param name="AudioSeconds">Seconds of every file a call in this language can play (recordings and stand-ins; Twilio's voice is not counted).</param>
public sealed record VoiceCoverageRow(string Culture, int Recorded, int Tts, int StandIn, int Missing, IReadOnlyList<string> MissingKeys, int Stale = 0, double AudioSeconds = 0)
{
    public int Total => Recorded + Stale + Tts + StandIn + Missing;
}

public static class VoiceCoverage
{
    public static IReadOnlyList<VoiceCoverageRow> Measure(ContentBundle content)
    {
        var audio = new PromptAudio(content);
        var rows = new List<VoiceCoverageRow>();
        foreach (var locale in content.Locales.Locales)
        {
            var keys = VoicePrompts.For(content, locale);
            var sources = keys.Select(k => (Key: k, Sound: audio.Resolve(locale, k))).ToList();
            rows.Add(new VoiceCoverageRow(
                locale.Culture,
                sources.Count(s => s.Sound.Source == AudioSource.Recording && !s.Sound.Stale),
                sources.Count(s => s.Sound.Source == AudioSource.Tts && !s.Sound.Stale),
                sources.Count(s => s.Sound.Source == AudioSource.StandIn && !s.Sound.Stale),
                sources.Count(s => s.Sound.Source == AudioSource.Missing),
                [.. sources.Where(s => s.Sound.Source == AudioSource.Missing).Select(s => s.Key)],
                sources.Count(s => s.Sound.Stale && s.Sound.Source != AudioSource.Missing),
                Math.Round(sources.Sum(s => s.Sound.File is { } file ? PcmAudio.DurationOf(file) ?? 0 : 0), 1)));
        }
        return rows;
    }
}
