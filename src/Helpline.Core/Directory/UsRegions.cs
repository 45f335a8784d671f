namespace Helpline.Core.Directory;

/// <summary>
/// Reads a US state from what a texter types: a name ("Texas", "nuevo mexico"), a postal
/// abbreviation ("AZ") or a ZIP code. ZIP prefixes are listed only for the border states the
/// directory covers; any other valid ZIP is "other", which still gets the national services.
/// </summary>
public static class UsRegions
{
    public const string Other = "other";

    private static readonly (string Code, string[] Names)[] States =
    [
        ("AL", ["alabama"]), ("AK", ["alaska"]), ("AZ", ["arizona"]), ("AR", ["arkansas"]),
        ("CA", ["california", "californie", "califórnia", "калифорния", "加利福尼亚", "加州"]),
        ("CO", ["colorado"]), ("CT", ["connecticut"]), ("DE", ["delaware"]), ("DC", ["district of columbia", "washington dc"]),
        ("FL", ["florida", "floride"]), ("GA", ["georgia"]), ("HI", ["hawaii"]), ("ID", ["idaho"]), ("IL", ["illinois"]),
        ("IN", ["indiana"]), ("IA", ["iowa"]), ("KS", ["kansas"]), ("KY", ["kentucky"]), ("LA", ["louisiana", "luisiana", "louisiane"]),
        ("ME", ["maine"]), ("MD", ["maryland"]), ("MA", ["massachusetts"]), ("MI", ["michigan"]), ("MN", ["minnesota"]),
        ("MS", ["mississippi"]), ("MO", ["missouri"]), ("MT", ["montana"]), ("NE", ["nebraska"]), ("NV", ["nevada"]),
        ("NH", ["new hampshire"]), ("NJ", ["new jersey", "nueva jersey"]),
        ("NM", ["new mexico", "nuevo mexico", "nouveau-mexique", "nouveau mexique", "novo mexico", "нью-мексико", "新墨西哥"]),
        ("NY", ["new york", "nueva york", "nova york", "нью-йорк", "纽约"]),
        ("NC", ["north carolina", "carolina del norte"]), ("ND", ["north dakota"]), ("OH", ["ohio"]), ("OK", ["oklahoma"]),
        ("OR", ["oregon"]), ("PA", ["pennsylvania", "pensilvania"]), ("RI", ["rhode island"]),
        ("SC", ["south carolina", "carolina del sur"]), ("SD", ["south dakota"]), ("TN", ["tennessee"]),
        ("TX", ["texas", "tejas", "техас", "德克萨斯", "德州"]), ("UT", ["utah"]), ("VT", ["vermont"]), ("VA", ["virginia"]),
        ("WA", ["washington"]), ("WV", ["west virginia"]), ("WI", ["wisconsin"]), ("WY", ["wyoming"]),
    ];

    // First three ZIP digits (USPS sectional centers) of the border states the directory covers.
    private static readonly (int From, int To, string Code)[] ZipPrefixes =
    [
        (850, 865, "AZ"), (900, 961, "CA"), (870, 884, "NM"), (750, 799, "TX"), (885, 885, "TX"), (733, 733, "TX"),
    ];

    public static IReadOnlyCollection<string> Codes { get; } = States.Select(s => s.Code).ToHashSet();

    /// <summary>A state code, <see cref="Other"/> for a ZIP outside the covered states, or null if it is not a place.</summary>
    public static string? Parse(string normalizedInput)
    {
        var text = normalizedInput.Trim().TrimEnd('.');
        if (text.Length == 5 && text.All(char.IsAsciiDigit))
        {
            var prefix = int.Parse(text[..3], System.Globalization.CultureInfo.InvariantCulture);
            return ZipPrefixes.FirstOrDefault(z => prefix >= z.From && prefix <= z.To).Code ?? Other;
        }
        if (text.Length == 2)
        {
            var upper = text.ToUpperInvariant();
            return Codes.Contains(upper) ? upper : null;
        }
        var key = Text.InputNormalizer.WordKey(text);
        foreach (var (code, names) in States)
        {
            if (names.Any(n => Text.InputNormalizer.WordKey(n) == key)) return code;
        }
        return null;
    }
}
