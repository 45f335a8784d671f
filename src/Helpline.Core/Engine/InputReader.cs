using System.Globalization;
using Helpline.Core.Directory;
using Helpline.Core.Flows;
using Helpline.Core.Localization;
using Helpline.Core.Text;

namespace Helpline.Core.Engine;

/// <summary>
/// Reads what a person sent on a node: keypad keys, option keywords, the global commands in their
/// language (and English), a language's name, a place. It decides which trigger the input is; the
/// flow's machine decides whether that trigger is allowed here.
/// </summary>
/// <remarks>One per turn: the input's word key is worked out once however many words it is compared with.</remarks>
internal sealed class InputReader(LocaleCatalog locales, ConversationState state, Channel channel)
{
    private string? _text;
    private string? _wordKey;

    private bool Voice => channel == Channel.Voice;
    private string Culture => state.Culture ?? LocaleCatalog.FallbackCulture;

    /// <summary>Erasing is honoured in any language: someone afraid should not have to find the right menu.</summary>
    public bool IsDelete(string text) => locales.IsAnyLocaleWord(WordKey(text), Commands.Delete);

    /// <summary>A language named in English or in its own script ("español", "دری").</summary>
    public Locale? LanguageByName(string text) => locales.ByWordKey(WordKey(text)) ?? ByMarkedName(text);

    // The menu may show a language as "Español *" (Helpline:MarkLanguagesUnderReview): copied back, it still names the language.
    private Locale? ByMarkedName(string text) =>
        text.Length > 1 && text.EndsWith(Review.LanguagesUnderReview.Marker, StringComparison.Ordinal)
            ? locales.ByWordKey(InputNormalizer.WordKey(text[..^1]))
            : null;

    /// <summary>A language menu's key.</summary>
    public Locale? LanguageByDigit(NodeDefinition node, string text)
    {
        if (node.Kind != NodeKinds.LanguageMenu) return null;
        var index = LanguageDigits(node).IndexOf(text);
        return index >= 0 && index < node.Languages.Count && locales.Has(node.Languages[index]) ? locales.Get(node.Languages[index]) : null;
    }

    /// <summary>Languages take 1..9 then 0: before a language is chosen there is no main menu for 0 to reach.</summary>
    public static List<string> LanguageDigits(NodeDefinition node) =>
        [.. Enumerable.Range(0, node.Languages.Count).Select(i => i < 9 ? (i + 1).ToString(CultureInfo.InvariantCulture) : "0")];

    /// <summary>Whether the input is one of a command's words in the conversation's language or English.</summary>
    public bool IsWord(string text, string command) => locales.WordKeys(Culture, command).Contains(WordKey(text));

    /// <summary>
    /// The trigger the input is on this node, or null when it is nothing here.
    /// <paramref name="canCall"/> tells whether the keys choose an organization to call.
    /// </summary>
    public string? TriggerFor(NodeDefinition node, string text, bool canCall)
    {
        // "Text me this": the key is the same on every answer and list, whatever the node's options are.
        if (Voice && text == Commands.TextMeDigit && node.Kind is NodeKinds.Answer or NodeKinds.Directory or NodeKinds.Transfer) return Triggers.TextMe;
        if (node.Kind is NodeKinds.Directory or NodeKinds.Transfer && Voice && canCall) return Triggers.Call;

        foreach (var option in node.OptionsOn(Voice))
        {
            if (option.Digit == text) return option.Digit;
        }
        if (node.Kind is NodeKinds.Answer or NodeKinds.Directory && text == Commands.ContinueDigit) return Triggers.More;

        if (text == Commands.MenuDigit || IsWord(text, Commands.Menu)) return Triggers.Menu;
        if (text == Commands.BackKey || IsWord(text, Commands.Back)) return Triggers.Back;
        if (text == Commands.RepeatKey || IsWord(text, Commands.Repeat)) return Triggers.Repeat;
        if (IsWord(text, Commands.More)) return node.Kind is NodeKinds.Answer or NodeKinds.Directory ? Triggers.More : Triggers.Repeat;
        if (IsWord(text, Commands.Language)) return Triggers.Language;

        if (node.Kind == NodeKinds.RegionMenu && !Voice && UsRegions.Parse(text) is not null) return Triggers.Next;
        return OptionByKeyword(node, text);
    }

    /// <summary>The place a region menu's input names: an option's key, or (typed) a state's name, code or ZIP.</summary>
    public string? RegionFor(NodeDefinition node, string text) =>
        node.Options.FirstOrDefault(o => o.Digit == text)?.Region ?? (Voice ? null : UsRegions.Parse(text));

    private string? OptionByKeyword(NodeDefinition node, string text)
    {
        var key = WordKey(text);
        var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? contained = null;
        var containedCount = 0;
        foreach (var option in node.OptionsOn(Voice).Where(o => o.Keywords is not null))
        {
            foreach (var word in locales.WordKeys(Culture, option.Keywords!))
            {
                if (word == key) return option.Digit;
                if (word.Length >= 3 && (words.Contains(word) || (word.Contains(' ') && key.Contains(word))))
                {
                    if (contained != option.Digit) containedCount++;
                    contained = option.Digit;
                    break;
                }
            }
        }
        // A word inside a sentence ("I need a lawyer") counts only when it points to one option.
        return containedCount == 1 ? contained : null;
    }

    /// <summary>The input's word key, worked out once a turn however many words it is compared with.</summary>
    private string WordKey(string text)
    {
        if (!ReferenceEquals(text, _text))
        {
            _text = text;
            _wordKey = InputNormalizer.WordKey(text);
        }
        return _wordKey!;
    }
}
