namespace Helpline.Core.Voice;

/// <summary>One stretch of a stand-in spoken by one espeak-ng voice.</summary>
public sealed record SpokenPart(string Voice, string Text);

/// <summary>
/// Splits a prompt that mixes scripts so each part is read by a voice that knows it: in a Dari or
/// Pashto text, "Helpline", "CBP One" or "withholding of removal" go to an English voice instead of
/// being spelled out letter by letter by the Persian one. Digits and punctuation stay with the
/// language around them (a Dari listener hears 911 in Dari), unless they sit inside an English run
/// ("I-589" between Latin letters). A text in a Latin-script language (Haitian Creole) is one part.
/// </summary>
public static class StandInParts
{
    /// <summary>The voice English names and words are read with.</summary>
    public const string LatinVoice = "en-us";

    public static IReadOnlyList<SpokenPart> Split(string voice, string text)
    {
        if (!text.Any(IsNonLatinLetter) || !text.Any(char.IsAsciiLetter)) return [new(voice, text)];

        // Each character's side: Latin letters English, other letters native; a neutral character
        // (digit, space, punctuation) takes the side of the letters around it, native where they differ.
        var sides = text.Select(c => char.IsAsciiLetter(c) ? true : IsNonLatinLetter(c) ? false : (bool?)null).ToArray();
        for (var i = 0; i < sides.Length;)
        {
            if (sides[i] is not null) { i++; continue; }
            var end = i;
            while (end < sides.Length && sides[end] is null) end++;
            bool? before = i > 0 ? sides[i - 1] : null, after = end < sides.Length ? sides[end] : null;
            var side = before == after ? before ?? false : before is null ? after!.Value : after is null ? before.Value : false;
            for (var j = i; j < end; j++) sides[j] = side;
            i = end;
        }

        var parts = new List<SpokenPart>();
        for (var i = 0; i < text.Length;)
        {
            var latin = sides[i]!.Value;
            var end = i;
            while (end < text.Length && sides[end] == latin) end++;
            var spoken = text[i..end].Trim();
            // A part with nothing to pronounce ("(", "، ") is dropped rather than read out as a symbol's name.
            if (spoken.Any(char.IsLetterOrDigit))
            {
                var partVoice = latin ? LatinVoice : voice;
                if (parts.Count > 0 && parts[^1].Voice == partVoice) parts[^1] = parts[^1] with { Text = parts[^1].Text + " " + spoken };
                else parts.Add(new(partVoice, spoken));
            }
            i = end;
        }
        return parts;
    }

    /// <summary>A key for the manifest: the same text split the same way renders the same file.</summary>
    public static string Describe(IReadOnlyList<SpokenPart> parts) =>
        parts.Count == 1 ? parts[0].Text : string.Join("\n", parts.Select(p => p.Voice + ": " + p.Text));

    // Beyond Latin Extended-B: Arabic, Cyrillic, Gurmukhi, Han... (é and è are Latin, read by a Creole or French voice).
    private static bool IsNonLatinLetter(char c) => char.IsLetter(c) && c > '\u024F';
}
