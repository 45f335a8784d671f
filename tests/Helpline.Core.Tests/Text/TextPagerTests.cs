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
