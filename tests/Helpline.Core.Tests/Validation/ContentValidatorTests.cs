using Helpline.Core.Validation;

namespace Helpline.Core.Tests.Validation;

/// <summary>One small broken copy of the minimal fixture per rule: each must be an error naming the file and the node.</summary>
public class ContentValidatorTests
{
    private static readonly ValidationOptions Options = new() { Today = new DateOnly(2026, 11, 25) };

    private static IReadOnlyList<Finding> Validate(Core.Content.ContentBundle content) => new ContentValidator(Options).Validate(content);

    [Fact]
    public void Validate_MinimalFixture_HasNoErrors() =>
        Assert.DoesNotContain(Validate(TestContent.Minimal), f => f.Severity == Severity.Error);

    [Fact]
    public void Validate_RepositoryContent_HasNoErrors()
    {
        var errors = Validate(TestContent.Repo).Where(f => f.Severity == Severity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    public static TheoryData<string, string, string, string, string> BrokenFixtures => new()
    {
        // file to edit, text to find, replacement, expected file in the finding, expected words
        { "flows/main.yaml", "goto: fear,", "goto: nowhere,", "flows/main.yaml", "node 'main'|'1' leads to 'main/nowhere', which does not exist" },
        { "flows/main.yaml", "- { digit: \"2\", label: main.legal", "- { digit: \"1\", label: main.legal", "flows/main.yaml", "node 'main'|digit 1 is used by 2 options" },
        { "flows/main.yaml", "- { digit: \"2\", label: main.legal", "- { digit: \"0\", label: main.legal", "flows/main.yaml", "node 'main'|collides with a global command" },
        { "flows/main.yaml", "keywords: lawyer", "keywords: fear", "locales/en.yaml", "flows/main.yaml node 'main'|chooses both option 1 and option 2" },
        { "flows/main.yaml", "texts: [fear.1, fear.2]", "texts: []", "flows/main.yaml", "node 'fear'|dead end" },
        { "flows/main.yaml", "texts: [fear.1, fear.2]", "texts: [fear.1, fear.3]", "flows/main.yaml", "node 'fear'|text key 'fear.3' is missing" },
        { "flows/main.yaml", "facts: [fear-referral]", "facts: [made-up]", "flows/main.yaml", "node 'fear'|fact 'made-up' is not in facts/" },
        { "flows/main.yaml", "facts: [fear-referral]", "facts: []", "flows/main.yaml", "node 'fear'|must name the facts" },
        { "flows/main.yaml", "kind: answer", "kind: poem", "flows/main.yaml", "node 'fear'|unknown kind 'poem'" },
        { "flows/legal.yaml", "organization: eoir", "organization: eoir\n  - id: orphan\n    kind: answer\n    texts: [fear.1]\n    facts: [fear-referral]", "flows/legal.yaml", "node 'orphan'|unreachable" },
        { "flows/legal.yaml", "organization: eoir", "organization: hidden", "flows/legal.yaml", "node 'call'|is not shown to callers" },
        { "flows/legal.yaml", "need: case-status", "need: miracles", "flows/legal.yaml", "node 'cases'|unknown need 'miracles'" },
        { "locales/en.yaml", "  fear.2: \"You can ask for an interpreter.\"\n", "", "flows/main.yaml", "node 'fear'|text key 'fear.2' is missing in locales/en.yaml" },
        { "locales/es.yaml", "direction: ltr", "direction: rtl", "locales/es.yaml", "direction|written left-to-right" },
        { "locales/es.yaml", "review: { status: machine-draft }", "review: { status: perfect }", "locales/es.yaml", "review|review status must be one of" },
        { "locales/es.yaml", "select_words: [español, espanol, spanish, hola]", "select_words: [español, english]", "locales/es.yaml", "select_words|'english' selects both" },
        { "locales/es.yaml", "  back: [atrás]", "  back: [menú]", "locales/es.yaml", "keywords.back|is also a word for 'menu'" },
        { "locales/es.yaml", "  fear.1: \"Dígale", "  fear.2: \"Llame al 1-800-555-0199.\"\n  fear.1: \"Dígale", "locales/es.yaml", "fear.2|phone number '1-800-555-0199' is in neither" },
        { "locales/es.yaml", "  error.not_an_option: \"Lo siento, esa no es una opción.\"", "  error.not_an_option: \"Lo siento {0}.\"", "locales/es.yaml", "error.not_an_option|placeholders" },
        { "directory/organizations.yaml", "  source: justice.gov/eoir\n", "  source: \"\"\n", "directory/organizations.yaml", "entry 'eoir'|no source" },
        { "directory/organizations.yaml", "  status: verified", "  status: probably", "directory/organizations.yaml", "entry 'eoir'|unknown status 'probably'" },
        { "directory/organizations.yaml", "  phone: 1-800-898-7180\n  hours", "  phone: 898-7180\n  hours", "directory/organizations.yaml", "entry 'eoir'|not a 10-digit US number" },
        { "facts/facts.yaml", "  source: uscis.gov", "  source: \"\"", "facts/facts.yaml", "fact 'fear-referral'|no source" },
    };

    [Theory]
    [MemberData(nameof(BrokenFixtures))]
    public void Validate_BrokenFixture_IsAnErrorNamingFileAndNode(string file, string find, string replace, string expectedFile, string expected)
    {
        using var temp = TestContent.EditedMinimal(file, text =>
        {
            Assert.Contains(find, text);
            return text.Replace(find, replace, StringComparison.Ordinal);
        });
        var errors = Validate(temp.Load()).Where(f => f.Severity == Severity.Error).ToList();
        var parts = expected.Split('|');
        Assert.True(errors.Any(e => e.File == expectedFile && parts.All(p => e.ToString().Contains(p, StringComparison.Ordinal))),
            $"expected an error in {expectedFile} with \"{expected}\", got:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Validate_FactVerifiedLongAgo_IsAWarning()
    {
        using var temp = TestContent.EditedMinimal("facts/facts.yaml", t => t.Replace("verified: 2026-10-01", "verified: 2025-01-01"));
        var finding = Assert.Single(Validate(temp.Load()), f => f.Message.StartsWith("stale", StringComparison.Ordinal));
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("fact 'fear-referral'", finding.Where);
    }

    [Fact]
    public void Validate_FallbacksToEnglish_AreListedPerKey()
    {
        var fallbacks = Validate(TestContent.Minimal).Where(f => f.Message == "falls back to English").Select(f => f.Where).ToList();
        Assert.Contains("fear.2", fallbacks);
        Assert.DoesNotContain("fear.1", fallbacks);
    }

    [Fact]
    public void Validate_ReplyOverTheSegmentBudgetAsSent_IsAnErrorNamingFileNodeLanguageAndSegments()
    {
        // Each label alone is short; the fear menu's reply as sent (prompt, labels, footer) is not.
        var label = string.Concat(Enumerable.Repeat("Decir que tiene miedo, ", 5));
        using var temp = TestContent.EditedMinimal("locales/es.yaml", t => t.Replace("  main.fear: \"Decir que tiene miedo\"", $"  main.fear: \"{label}\"", StringComparison.Ordinal)
            .Replace("  main.prompt: \"Menú principal:\"", $"  main.prompt: \"{label}\"", StringComparison.Ordinal));
        var errors = Validate(temp.Load()).Where(f => f.Severity == Severity.Error).ToList();
        Assert.Contains(errors, f => f.File == "flows/main.yaml" && f.Where == "node 'main/main'"
            && System.Text.RegularExpressions.Regex.IsMatch(f.Message, @"^es: the reply \(not an option\) costs [5-9] SMS segments \(UCS-2, \d+ characters\) as sent, over Helpline:SmsSegmentBudget of 4$"));
        // The same menu right after the language is chosen is the first reply: its own, lower budget.
        Assert.Contains(errors, f => f.Where == "node 'main/main'" && f.Message.StartsWith("es: the first reply (first message 'Español')", StringComparison.Ordinal)
            && f.Message.Contains("over the first-reply budget of 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_VoiceMenuOfSixOptions_IsAnError()
    {
        var options = string.Concat(Enumerable.Range(3, 4).Select(d => $"      - {{ digit: \"{d}\", label: main.legal, goto: legal }}\n"));
        using var temp = TestContent.EditedMinimal("flows/main.yaml", t => t.Replace("      - { digit: \"2\", label: main.legal, goto: legal, keywords: lawyer }\n",
            "      - { digit: \"2\", label: main.legal, goto: legal, keywords: lawyer }\n" + options, StringComparison.Ordinal));
        Assert.Contains(Validate(temp.Load()), f => f.Severity == Severity.Error && f.File == "flows/main.yaml" && f.Where == "node 'main'"
            && f.Message.StartsWith("a call hears 6 options here, more than 5", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MinimalFixtureWithinBudget_HasNoSegmentErrors() =>
        Assert.DoesNotContain(Validate(TestContent.Minimal), f => f.Message.Contains("SMS segments", StringComparison.Ordinal));
}
