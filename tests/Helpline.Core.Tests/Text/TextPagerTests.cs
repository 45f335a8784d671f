using Helpline.Core.Text;

namespace Helpline.Core.Tests.Text;

public class TextPagerTests
{
    [Fact]
    public void Pages_ShortBlocks_ShareOnePage()
    {
        var pages = TextPager.Pages(["One.", "Two."], TextPager.SegmentBudget(4, "Reply MORE."));
        Assert.Equal(["One.\n\nTwo."], pages);
    }

    [Fact]
    public void Pages_EachPagePlusFooter_FitsTheSegmentBudget()
    {
        var sentence = "Это предложение на русском языке для проверки. ";
        var blocks = Enumerable.Range(0, 6).Select(_ => string.Concat(Enumerable.Repeat(sentence, 3)).Trim()).ToList();
        var footer = "Ответьте ЕЩЁ, чтобы читать дальше.";
        var pages = TextPager.Pages(blocks, TextPager.SegmentBudget(2, footer));
        Assert.True(pages.Count > 1);
        Assert.All(pages, p => Assert.True(SegmentCounter.Count(p + TextPager.Separator + footer) <= 2, p));
    }

    /// <summary>Prose does not leave a page with one short sentence when the next paragraph's first sentence fits.</summary>
    [Fact]
    public void Pages_Prose_APageWithRoomTakesTheNextParagraphsFirstSentences()
    {
        var fits = TextPager.LengthBudget(60, "");
        string[] blocks = ["First paragraph.", "Second one starts here. It goes on past the page."];

        var lists = TextPager.Pages(blocks, fits, fits);
        var prose = TextPager.Pages(blocks, fits, fits, fillWithSentences: true);

        Assert.Equal(["First paragraph.", "Second one starts here. It goes on past the page."], lists); // a list keeps each block whole
        Assert.Equal(["First paragraph.\n\nSecond one starts here.", "It goes on past the page."], prose);
    }

    [Theory]
    [InlineData("It may have changed.", true)]
    [InlineData("a legal aid group,", true)]
    [InlineData("情况可能已变化。", true)]
    [InlineData("(withholding of removal)", false)]
    [InlineData("tell the officer", false)]
    public void EndsAtBreak_SentenceAndClauseEnds_NotBetweenWords(string page, bool expected) =>
        Assert.Equal(expected, TextPager.EndsAtBreak(page));

    [Fact]
    public void Pages_LongBlock_BreaksAtSentenceEnds_NeverMidWord()
    {
        var block = string.Join(" ", Enumerable.Range(1, 30).Select(i => $"Sentence number {i} is here."));
        var pages = TextPager.Pages([block], TextPager.SegmentBudget(1, ""));
        Assert.True(pages.Count > 1);
        Assert.All(pages, p => Assert.EndsWith(".", p));
        Assert.Equal(block, string.Join(" ", pages));
    }

    [Fact]
    public void Pages_AbbreviationsWithAFullStop_AreNotSentenceEnds()
    {
        // "de 8 a.m. a 8 p.m." was cut after "a.m.": the next page opened "a 8 p.m., hora del Este".
        var sentence = "Llame de lunes a viernes, de 8 a.m. a 8 p.m., hora del Este, al número de la lista.";
        var pages = TextPager.Pages([sentence], TextPager.LengthBudget(sentence.Length - 5, ""));
        Assert.Equal(["Llame de lunes a viernes, de 8 a.m. a 8 p.m., hora del Este,", "al número de la lista."], pages);
    }

    [Fact]
    public void Pages_OneEndlessSentence_BreaksBetweenWords()
    {
        var block = string.Join(" ", Enumerable.Repeat("word", 100));
        var pages = TextPager.Pages([block], TextPager.SegmentBudget(1, ""));
        Assert.All(pages, p => Assert.DoesNotContain("wor ", p + " "));
        Assert.Equal(block, string.Join(" ", pages));
    }

    [Fact]
    public void Pages_ChineseSentences_SplitAfterFullStops()
    {
        var block = string.Concat(Enumerable.Repeat("如果您害怕回去，请告诉官员。", 12));
        var pages = TextPager.Pages([block], TextPager.SegmentBudget(1, ""));
        Assert.True(pages.Count > 1);
        Assert.All(pages, p => Assert.EndsWith("。", p));
    }
}
