namespace Helpline.Benchmark;

/// <summary>
/// What one texter sends, message by message: the menus people walk, in several languages and
/// scripts, including a wrong option, HELP and an erase. Each was checked with `helpline chat`.
/// </summary>
public static class CallerScripts
{
    public static readonly IReadOnlyList<IReadOnlyList<string>> All =
    [
        // Spanish: fear, read more, legal help by ZIP code.
        ["hola", "2", "1", "más", "0", "8", "1", "79901"],
        // Spanish: fees and work permit, a wrong option, help.
        ["Español", "4", "3", "#", "6", "2", "0", "ayuda"],
        // English: asylum basics, back, about, legal help for detention.
        ["english", "4", "1", "more", "#", "9", "0", "8", "2"],
        // Dari, in Persian digits.
        ["دری", "۲", "۱", "بیشتر", "۰", "۸", "۱", "۲"],
        // Russian: detention, court.
        ["русский", "6", "1", "ещё", "0", "5", "1"],
        // Spanish again (the most common language), the same walk as the first.
        ["hola", "2", "1", "más", "0", "8", "1", "79901"],
        // Haitian Creole: the border today, scams.
        ["Kreyòl", "1", "plis", "0", "7"],
        // Portuguese: expedited removal, legal help.
        ["Português", "3", "1", "0", "8", "1", "4"],
        // Mandarin.
        ["中文", "2", "1", "更多", "0"],
        // Spanish: about, then erase everything.
        ["hola", "9", "borrar"],
    ];

    /// <summary>
    /// What one caller presses, key by key, after the call is answered (first key: the language menu,
    /// 1 Spanish, 2 English). A call ends earlier if the TwiML has no Gather (a transfer or a hang-up).
    /// </summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> Calls =
    [
        ["1", "2", "1", "1", "0", "8"],
        ["2", "4", "1", "0", "9", "0"],
        ["1", "6", "1", "0", "5", "1"],
        ["1", "3", "1", "0", "7"],
        ["2", "2", "1", "#", "0", "8"],
    ];

    public static IReadOnlyList<string> CallFor(long caller) => Calls[(int)(caller % Calls.Count)];

    /// <summary>Requests per call, on average, if every key is gathered: the start, then one per key.</summary>
    public static double MeanCallLength => 1 + Calls.Average(s => s.Count);

    /// <summary>Spanish, English, Dari, Russian, Haitian Creole, Portuguese, Mandarin.</summary>
    public const int Languages = 7;

    public static IReadOnlyList<string> For(long caller) => All[(int)(caller % All.Count)];

    /// <summary>Messages per caller, on average: how many requests one conversation makes.</summary>
    public static double MeanLength => All.Average(s => s.Count);
}
