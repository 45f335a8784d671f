using Helpline.Core.Review;

namespace Helpline.Core.Tests.Review;

/// <summary>A review rewrites only its own lines of a locale file, written exactly as the editors write them.</summary>
public sealed class LocaleTextFileTests
{
    [Fact]
    public void Replace_EveryTextOfEveryLocaleWithItself_GivesTheSameBytes()
    {
        foreach (var locale in TestContent.Repo.Locales.Locales)
        {
            var text = File.ReadAllText(Path.Combine(TestContent.RepoRoot, locale.File));
            Assert.Equal(text, LocaleTextFile.Replace(text, locale.Texts));
        }
    }

    [Theory]
    [InlineData("Say \"I am afraid\" \\ now", "\"Say \\\"I am afraid\\\" \\\\ now\"")]
    [InlineData("line one\nline two\ttab", "\"line one\\nline two\\ttab\"")]
    [InlineData("دری ۹۱۱", "\"دری ۹۱۱\"")]
    public void Quote_EscapesOnlyWhatYamlNeeds(string text, string quoted) => Assert.Equal(quoted, LocaleTextFile.Quote(text));

    [Fact]
    public void Replace_AKeyThatIsNotAOneLineText_IsRefused()
    {
        var text = File.ReadAllText(Path.Combine(TestContent.RepoRoot, "locales", "fa-AF.yaml"));
        Assert.Throws<ContentException>(() => LocaleTextFile.Replace(text, new Dictionary<string, string> { ["culture"] = "x" }));
        Assert.Throws<ContentException>(() => LocaleTextFile.Replace(text, new Dictionary<string, string> { ["no.such.key"] = "x" }));
    }
}
