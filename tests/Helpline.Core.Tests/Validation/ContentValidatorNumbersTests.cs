using Helpline.Core.Validation;

namespace Helpline.Core.Tests.Validation;

/// <summary>
/// A number or detention code in a text reaches a caller, so it must belong to a fact or to a directory entry
/// whose status lets it be shown. The numbers are those the fact base keeps hidden or never sourced.
/// </summary>
public class ContentValidatorNumbersTests
{
    private static readonly ValidationOptions Options = new() { Today = new DateOnly(2026, 11, 25) };

    // Hidden entries as the fact base lists them: unconfirmed numbers and codes stay in the data, never in a text.
    private const string HiddenEntries = """

        - id: freedom-for-immigrants
          name: Freedom for Immigrants
          description: org.eoir
          needs: [detention]
          regions: [national]
          phone: 209-757-3733
          speed_dial: "*9233#"
          source: no current source
          status: verify-before-use
        - id: good-neighbor
          name: Good Neighbor Settlement House
          description: org.eoir
          needs: [shelter]
          regions: [TX]
          phone: (956) 542-2368
          source: 2019 and 2021 sources
          status: verify-before-use
        - id: orr
          name: ORR line as it once was
          description: org.eoir
          needs: [separated-family]
          regions: [national]
          phone: 1-800-203-7001
          speed_dial: "699#"
          source: lawhelpny.org
          status: verify-before-use
        """;

    public static TheoryData<string, string> HiddenOrUnsourced => new()
    {
        // written in a text, expected words in the error
        { "699#", "short code '699#' belongs to directory entry 'orr', whose status verify-before-use" },
        { "1845#", "short code '1845#' is in neither a shown directory entry nor facts/" },
        { "9116#", "short code '9116#' is in neither a shown directory entry nor facts/" },
        { "*9233#", "short code '*9233#' belongs to directory entry 'freedom-for-immigrants'" },
        { "#566", "short code '#566' is in neither" },
        { "209-757-3733", "phone number '209-757-3733' belongs to directory entry 'freedom-for-immigrants'" },
        { "(956) 542-2368", "phone number '(956) 542-2368' belongs to directory entry 'good-neighbor'" },
        { "1-800-203-7001", "phone number '1-800-203-7001' belongs to directory entry 'orr'" },
        // The same number in Persian digits is the same number.
        { "۲۰۹-۷۵۷-۳۷۳۳", "belongs to directory entry 'freedom-for-immigrants'" },
    };

    [Theory]
    [MemberData(nameof(HiddenOrUnsourced))]
    public void Validate_TextWithAHiddenOrUnsourcedNumber_IsAnErrorNamingIt(string number, string expected)
    {
        using var temp = WithHiddenEntries();
        Edit(temp, "locales/en.yaml", "  fear.2: \"You can ask for an interpreter.\"", $"  fear.2: \"You can ask for an interpreter. From detention: {number}\"");

        var errors = Errors(temp);

        Assert.True(errors.Any(e => e.File == "locales/en.yaml" && e.Where == "fear.2" && e.Message.Contains(expected, StringComparison.Ordinal)),
            $"expected \"{expected}\", got:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Validate_CopyOfEnglishWithTheOldOrrTexts_HasThreeErrors()
    {
        // The incident in the issue: this text validated with 0 errors and was shown to a texter.
        using var temp = WithHiddenEntries();
        Edit(temp, "locales/en.yaml", "  fear.2: \"You can ask for an interpreter.\"", "  fear.2: \"Parents: call 1-800-203-7001, from detention 699# or 1845#.\"");

        var errors = Errors(temp).Where(e => e.Where == "fear.2").ToList();

        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Validate_NumberOfAVerifiedEntryOrAFact_IsAccepted()
    {
        using var temp = WithHiddenEntries();
        // 1-800-898-7180 is the shown EOIR entry's; the code is stated by a fact.
        Edit(temp, "facts/facts.yaml", "  statement: A person", "  statement: The ICE line's code from detention is 4321#. A person");
        Edit(temp, "locales/en.yaml", "  fear.2: \"You can ask for an interpreter.\"", "  fear.2: \"Call (800) 898-7180 or press 4321#. Reply # to go back, * to repeat.\"");

        Assert.DoesNotContain(Errors(temp), e => e.Where == "fear.2");
    }

    [Fact]
    public void Validate_HiddenEntryBecomesVerified_ItsNumberIsAccepted()
    {
        using var temp = WithHiddenEntries();
        Edit(temp, "directory/organizations.yaml", "  speed_dial: \"699#\"\n  source: lawhelpny.org\n  status: verify-before-use", "  source: acf.hhs.gov/orr\n  status: verified");
        Edit(temp, "locales/en.yaml", "  fear.2: \"You can ask for an interpreter.\"", "  fear.2: \"Parents: call 1-800-203-7001.\"");

        Assert.DoesNotContain(Errors(temp), e => e.Where == "fear.2");
    }

    private static TempContent WithHiddenEntries()
    {
        var temp = new TempContent(TestContent.MinimalRoot);
        File.AppendAllText(Path.Combine(temp.Root, "directory", "organizations.yaml"), HiddenEntries);
        return temp;
    }

    private static void Edit(TempContent temp, string file, string find, string replace)
    {
        var path = Path.Combine(temp.Root, file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
    }

    private static List<Finding> Errors(TempContent temp) =>
        [.. new ContentValidator(Options).Validate(temp.Load()).Where(f => f.Severity == Severity.Error)];
}
