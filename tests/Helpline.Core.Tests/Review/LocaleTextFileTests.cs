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

    [Fact]
    public void Edit_AnAddedText_GoesAfterTheNearestKeyBeforeItInEnglish_InTheFilesLineEndingsAndQuoting()
    {
        var file = "culture: xx\r\ntexts:\r\n  # Menus\r\n  a: \"A\"\r\n  c: \"C\"\r\n  # Answers\r\n  e: \"E\"\r\nkeywords:\r\n  menu: [\"m\"]\r\n";
        string[] english = ["first", "a", "b", "c", "d", "e", "last"];

        var edited = LocaleTextFile.Edit(file, new Dictionary<string, string> { ["c"] = "C2" },
            new Dictionary<string, string> { ["d"] = "say \"D\"", ["b"] = "B", ["first"] = "0", ["last"] = "Z" }, english);

        Assert.Equal(
            "culture: xx\r\ntexts:\r\n  # Menus\r\n  first: \"0\"\r\n  a: \"A\"\r\n  b: \"B\"\r\n  c: \"C2\"\r\n  d: \"say \\\"D\\\"\"\r\n  # Answers\r\n  e: \"E\"\r\n  last: \"Z\"\r\nkeywords:\r\n  menu: [\"m\"]\r\n",
            edited);
        Assert.Throws<ContentException>(() => LocaleTextFile.Edit(file, new Dictionary<string, string>(), new Dictionary<string, string> { ["a"] = "again" }, english));
    }
}
