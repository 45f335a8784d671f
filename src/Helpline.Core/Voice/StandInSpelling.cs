namespace Helpline.Core.Voice;

/// <summary>
/// Respells a text for an espeak-ng voice of a neighbouring language. espeak-ng has no Pashto voice, and
/// its Persian voice reads each letter Persian lacks as "letter" and a code number, in the middle of a
/// word; the nearest Persian letter is far easier to follow. A person's recording replaces all of it.
/// </summary>
public static class StandInSpelling
{
    private static readonly Dictionary<(string Language, string Voice), Dictionary<char, char>> Respellings = new()
    {
        [("ps", "fa")] = new()
        {
            ['ټ'] = 'ت', // retroflex t
            ['ډ'] = 'د', // retroflex d
            ['ړ'] = 'ر', // retroflex flap
            ['ڼ'] = 'ن', // retroflex n
            ['ګ'] = 'گ', // g
            ['ځ'] = 'ز', // dz, z in much of Afghanistan
            ['څ'] = 'س', // ts, s in much of Afghanistan
            ['ږ'] = 'ژ', // zh (Kandahar); g in the north
            ['ښ'] = 'ش', // sh (Kandahar); kh in the north
            ['ې'] = 'ی', // e
        },
    };

    public static string For(string culture, string voice, string text)
    {
        var language = culture.Split('-')[0];
        if (!Respellings.TryGetValue((language, voice), out var letters)) return text;
        return string.Create(text.Length, (text, letters), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = state.letters.TryGetValue(state.text[i], out var nearest) ? nearest : state.text[i];
        });
    }
}
