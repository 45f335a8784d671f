using Helpline.Core.Text;

namespace Helpline.Core.Tests.Text;

public class InputNormalizerTests
{
    [Theory]
    [InlineData(" 1 ", "1")]
    [InlineData("1.", "1")]
    [InlineData("#1", "1")]
    [InlineData("(2)", "2")]
    [InlineData("3)", "3")]
    [InlineData("۲", "2")]     // Persian two
    [InlineData("٣", "3")]     // Arabic-Indic three
    [InlineData("۱۰", "10")]
    [InlineData("#", "#")]
    [InlineData("*", "*")]
    [InlineData("0", "0")]
    public void Normalize_ReadsChoices(string typed, string expected) => Assert.Equal(expected, InputNormalizer.Normalize(typed));

    [Fact]
    public void Normalize_FoldsCaseAndSpace() => Assert.Equal("main menu", InputNormalizer.Normalize("  MAIN\t Menu \n"));

    [Fact]
    public void Normalize_DropsZeroWidthAndBidiControls() =>
        Assert.Equal("دری", InputNormalizer.Normalize("\u200F\u202Bد\u200Cری\u202C\u200E"));

    [Fact]
    public void Normalize_FoldsArabicLetterVariantsToPersian() =>
        Assert.Equal(InputNormalizer.Normalize("کمک یاری"), InputNormalizer.Normalize("كمك ياري"));

    [Fact]
    public void Normalize_ComposesUnicode() =>
        Assert.Equal("español", InputNormalizer.Normalize("espan\u0303ol"));

    [Fact]
    public void Normalize_NullOrEmpty_IsEmpty()
    {
        Assert.Equal("", InputNormalizer.Normalize(null));
        Assert.Equal("", InputNormalizer.Normalize("\u200B"));
    }

    [Fact]
    public void WordKey_IgnoresLatinAccents_ButKeepsOtherScriptsMarks()
    {
        Assert.Equal(InputNormalizer.WordKey("Español"), InputNormalizer.WordKey("espanol"));
        Assert.Equal(InputNormalizer.WordKey("KREYÒL"), InputNormalizer.WordKey("kreyol"));
        Assert.NotEqual(InputNormalizer.WordKey("ਪੰਜਾਬੀ"), InputNormalizer.WordKey("ਪਜਾਬ"));
    }
}
