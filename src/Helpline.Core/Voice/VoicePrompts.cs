using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Flows;

namespace Helpline.Core.Voice;

/// <summary>
/// Every locale text a call can say: what needs a recording, a Twilio voice or a stand-in in each
/// voice locale. SMS-only texts (footers, "reply MORE", typed commands) are left out.
/// </summary>
public static class VoicePrompts
{
    private static readonly string[] EngineKeys =
    [
        Engine.Keys.LanguageTitle, Engine.Keys.LanguageOffer, Engine.Keys.NotAnOption, Engine.Keys.Apology, Engine.Keys.NoneFound, Engine.Keys.RegionChosen, Engine.Keys.RegionOther,
        Engine.Keys.VoiceKeys, Engine.Keys.VoiceMore, Engine.Keys.VoiceAnswerEnd, Engine.Keys.VoiceMenuFooter, Engine.Keys.VoiceNoInput, Engine.Keys.VoiceGoodbye,
        Engine.Keys.VoiceTextConfirm, Engine.Keys.VoiceTextSending, Engine.Keys.VoiceTextFailed, Engine.Keys.VoiceConnecting, Engine.Keys.VoiceTransferFailed,
        Engine.Keys.VoiceTransferNext, Engine.Keys.VoiceAfterCall,
    ];

    /// <summary>The keys as a call looks them up: a ".voice" variant where English has one.</summary>
    public static IReadOnlyList<string> For(ContentBundle content)
    {
        var english = content.Locales.English.Texts;
        string Spoken(string key) => english.ContainsKey(key + ConversationEngine.VoiceSuffix) ? key + ConversationEngine.VoiceSuffix : key;

        var keys = new List<string>();
        keys.AddRange(EngineKeys);
        keys.AddRange("0123456789*#".Select(d => Engine.Keys.Press(d.ToString())));
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
}

/// <summary>How many of a locale's call prompts are recorded, spoken by Twilio, rendered stand-ins, or missing.</summary>
public sealed record VoiceCoverageRow(string Culture, int Recorded, int Tts, int StandIn, int Missing, IReadOnlyList<string> MissingKeys)
{
    public int Total => Recorded + Tts + StandIn + Missing;
}

public static class VoiceCoverage
{
    public static IReadOnlyList<VoiceCoverageRow> Measure(ContentBundle content)
    {
        var audio = new PromptAudio(content.AudioFolder);
        var keys = VoicePrompts.For(content);
        var rows = new List<VoiceCoverageRow>();
        foreach (var locale in content.Locales.Locales)
        {
            var sources = keys.Select(k => (Key: k, audio.Resolve(locale, k).Source)).ToList();
            rows.Add(new VoiceCoverageRow(
                locale.Culture,
                sources.Count(s => s.Source == AudioSource.Recording),
                sources.Count(s => s.Source == AudioSource.Tts),
                sources.Count(s => s.Source == AudioSource.StandIn),
                sources.Count(s => s.Source == AudioSource.Missing),
                [.. sources.Where(s => s.Source == AudioSource.Missing).Select(s => s.Key)]));
        }
        return rows;
    }
}
