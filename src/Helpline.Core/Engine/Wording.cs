using Helpline.Core.Localization;

namespace Helpline.Core.Engine;

/// <summary>
/// A conversation's texts in its current language, either as a caller hears them or as a texter reads
/// them. On a call a text may have a ".voice" variant that spells out what is read badly (a website);
/// a call's "text me this" is worded with <see cref="Written"/>, so no mode has to be switched.
/// </summary>
/// <remarks>Reads the language from the state, so a language chosen mid-turn is used from then on.</remarks>
/// <param name="smsFolding">How SMS texts are folded into GSM-7; null where they never are (WhatsApp).</param>
internal sealed class Wording(LocaleCatalog locales, ConversationState state, bool spoken, Gsm7FoldingMode? smsFolding = null)
{
    public LocaleCatalog Locales => locales;
    public string Culture => state.Culture ?? LocaleCatalog.FallbackCulture;
    public bool Spoken => spoken;

    /// <summary>The same conversation's texts as written (for SMS, including a call's "text me this").</summary>
    public Wording Written => spoken ? new(locales, state, spoken: false, smsFolding) : this;

    /// <summary>Written for SMS in a language folded into GSM-7 (its own setting, or the report's "with folding").</summary>
    private bool Folds => !spoken && state.Culture is not null && smsFolding switch
    {
        Gsm7FoldingMode.Always => true,
        Gsm7FoldingMode.AsEachLocaleSays => locales.Get(state.Culture).SmsFoldGsm7,
        _ => false,
    };

    /// <summary>The key a text is looked up by: on a call, its spoken variant where there is one.</summary>
    public string Key(string key)
    {
        if (!spoken) return key;
        // The locale's own words first: its spoken variant, else its written text, and only then English's spoken variant.
        var own = locales.Get(Culture).Texts;
        if (own.ContainsKey(key + ConversationEngine.VoiceSuffix)) return key + ConversationEngine.VoiceSuffix;
        if (own.ContainsKey(key)) return key;
        return locales.English.Texts.ContainsKey(key + ConversationEngine.VoiceSuffix) ? key + ConversationEngine.VoiceSuffix : key;
    }

    /// <summary>The text as the conversation's language has it, through Microsoft.Extensions.Localization.</summary>
    public string Text(string key, params object[] args) => Folded(locales.Localizer(Culture)[Key(key), args].Value);

    /// <summary>A text as an output: the key it was found under (recordings are filed by it) and its words.</summary>
    public TextOutput Output(string key, params object[] args)
    {
        var found = Key(key);
        return new TextOutput(found, Folded(locales.Localizer(Culture)[found, args].Value));
    }

    private string Folded(string text) => Folds ? Core.Text.Gsm7Folding.Fold(text) : text;

    /// <summary>The chosen place as said back: a state code, or "another place".</summary>
    public string RegionName(string? region) => region is null or Directory.UsRegions.Other ? Text(Keys.RegionOther) : region;
}
