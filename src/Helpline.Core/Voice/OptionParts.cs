using System.Text.RegularExpressions;
using Helpline.Core.Localization;

namespace Helpline.Core.Voice;

/// <summary>One piece of a menu choice as a call plays it from files: a part of the template, the label ({0}) or "press N" ({1}).</summary>
/// <param name="PartKey">The part's audio key; null for the label and the press.</param>
/// <param name="Gap">0 for the label, 1 for "press N"; null for a part.</param>
public sealed record OptionPiece(string? PartKey, string? Text, int? Gap);

/// <summary>
/// A menu choice said from files ("for X, press N" where Twilio cannot speak the language, or the label is recorded):
/// the locale's <c>voice.option</c> template ("برای {0}، {1}", "د {0} لپاره، {1}") is cut around its two gaps into
/// the words said before, between and after them, each one clip a volunteer records once, for every menu. A part that
/// is only punctuation or space ("، " in Dari) is no clip. The label and "press N" are clips of their own already.
/// </summary>
public static partial class OptionParts
{
    /// <summary>How a locale says one menu choice: "For {0}, {1}" → "For Detention, press 6."</summary>
    public const string TemplateKey = "voice.option";

    /// <summary>The words before the first gap, between the two, and after the last, in the locale's own word order.</summary>
    public const string StartKey = TemplateKey + ".start";
    public const string MiddleKey = TemplateKey + ".middle";
    public const string EndKey = TemplateKey + ".end";

    public static readonly IReadOnlyList<string> Keys = [StartKey, MiddleKey, EndKey];

    public static bool IsPart(string key) => Keys.Contains(key, StringComparer.Ordinal);

    /// <summary>
    /// A template's pieces in the order said, parts without a word left out; null when it is not one {0} and one {1}
    /// (a template that leaves out the label or the key cannot be played part by part).
    /// </summary>
    public static IReadOnlyList<OptionPiece>? Pieces(string template)
    {
        var gaps = Gap().Matches(template);
        if (gaps.Count != 2 || gaps[0].Value == gaps[1].Value) return null;
        var pieces = new List<OptionPiece>();
        void Part(string key, string text)
        {
            if (Spoken(text) is { } spoken) pieces.Add(new(key, spoken, null));
        }
        Part(StartKey, template[..gaps[0].Index]);
        pieces.Add(new(null, null, gaps[0].Value[1] - '0'));
        Part(MiddleKey, template[(gaps[0].Index + gaps[0].Length)..gaps[1].Index]);
        pieces.Add(new(null, null, gaps[1].Value[1] - '0'));
        Part(EndKey, template[(gaps[1].Index + gaps[1].Length)..]);
        return pieces;
    }

    /// <summary>The pieces of a locale's own template; null when it has none (English's order would be wrong, its words unheard of here).</summary>
    public static IReadOnlyList<OptionPiece>? Of(LocaleCatalog catalog, Locale locale) =>
        catalog.Find(locale.Culture, TemplateKey) is { IsFallback: false } template ? Pieces(template.Value) : null;

    /// <summary>What a part key says in a culture (its template's, falling back as the template does); null when that part is silent there.</summary>
    public static LocalizedText? Find(LocaleCatalog catalog, string culture, string partKey)
    {
        if (catalog.Find(culture, TemplateKey) is not { } template) return null;
        var piece = Pieces(template.Value)?.FirstOrDefault(p => p.PartKey == partKey);
        return piece is null ? null : new(piece.Text!, template.Culture, template.IsFallback);
    }

    /// <summary>Whether a call in this locale plays the part.</summary>
    public static bool IsSaid(LocaleCatalog catalog, Locale locale, string partKey) =>
        Of(catalog, locale)?.Any(p => p.PartKey == partKey) == true;

    /// <summary>The part trimmed of space; null when no letter or digit is left to say.</summary>
    private static string? Spoken(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Any(char.IsLetterOrDigit) ? trimmed : null;
    }

    [GeneratedRegex(@"\{[01]\}")]
    private static partial Regex Gap();
}
