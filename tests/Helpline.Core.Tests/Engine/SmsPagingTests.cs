using Helpline.Core.Channels;
using Helpline.Core.Engine;
using Helpline.Core.Flows;
using Helpline.Core.Text;

namespace Helpline.Core.Tests.Engine;

/// <summary>Answers and lists are cut into pages that fit the budget with what they are sent with, once per content load.</summary>
public sealed class SmsPagingTests
{
    private static Wording Written(string culture) => new(TestContent.Repo.Locales, new ConversationState { Culture = culture }, spoken: false);

    private static IEnumerable<NodeDefinition> PagedNodes =>
        TestContent.Repo.Flows.SelectMany(f => f.Nodes).Where(n => n.Kind is NodeKinds.Answer or NodeKinds.Directory);

    [Theory]
    [InlineData("en")]
    [InlineData("fa-AF")]
    public void Of_EveryPageWithItsFooter_FitsTheSegmentBudget(string culture)
    {
        var options = new EngineOptions();
        var paging = new SmsPaging(TestContent.Repo, options);
        var words = Written(culture);
        foreach (var node in PagedNodes)
        {
            // A list's heading and "Place:" line come with its first page only (NodePresenter), so later pages reserve the footer alone.
            var pages = paging.Of(node, words, "TX", Channel.Sms).Pages;
            for (var i = 0; i < pages.Count; i++)
            {
                var reserve = SmsPaging.Reserve(node, words, "TX", firstPage: i == 0);
                Assert.True(SegmentCounter.Count(pages[i] + TextPager.Separator + reserve) <= options.SmsSegmentBudget, $"{node.Id} in {culture}, page {i + 1}: {pages[i]}");
            }
        }
    }

    [Fact]
    public void Of_SameNodeLanguageRegionAndChannel_WorkedOutOnce()
    {
        var paging = new SmsPaging(TestContent.Repo, new EngineOptions());
        var node = PagedNodes.First();
        Assert.Same(paging.Of(node, Written("en"), null, Channel.Sms), paging.Of(node, Written("en"), null, Channel.Sms));
        Assert.NotSame(paging.Of(node, Written("en"), null, Channel.Sms), paging.Of(node, Written("es"), null, Channel.Sms));
    }

    [Fact]
    public void Of_WhatsApp_FewerPagesThanSms_ForALongAnswer()
    {
        var paging = new SmsPaging(TestContent.Repo, new EngineOptions());
        var longest = PagedNodes.MaxBy(n => paging.Of(n, Written("fa-AF"), null, Channel.Sms).Pages.Count)!;
        Assert.True(paging.Of(longest, Written("fa-AF"), null, Channel.Sms).Pages.Count > 1);
        Assert.True(paging.Of(longest, Written("fa-AF"), null, Channel.WhatsApp).Pages.Count < paging.Of(longest, Written("fa-AF"), null, Channel.Sms).Pages.Count);
    }

    [Fact]
    public void Of_OneBlockOnOnePage_KeepsItsTextKey()
    {
        var paging = new SmsPaging(TestContent.Minimal, new EngineOptions());
        var fear = TestContent.Minimal.Compiled.Node("main/fear")!;
        var words = new Wording(TestContent.Minimal.Locales, new ConversationState { Culture = "en" }, spoken: false);
        Assert.Null(paging.Of(fear, words, null, Channel.Sms).Key); // two texts on one page: an assembled page has no key
    }

    /// <summary>
    /// Of the ways to cut an answer within its page budget, the one that costs the fewest segments in all: in UCS-2 a
    /// page's "general information" line and footer can push a full page into one more segment, so the cheapest cut is
    /// not always the fullest pages. Every answer in every language costs no more than filling each page to the
    /// answer page budget.
    /// </summary>
    [Fact]
    public void Of_EveryAnswer_CostsNoMoreThanFullPages_AndSomeCostLess()
    {
        var content = TestContent.Repo;
        var options = new EngineOptions();
        var paging = new SmsPaging(content, options);
        var cheaper = 0;
        foreach (var locale in content.Locales.Locales)
        {
            var words = Written(locale.Culture);
            foreach (var node in PagedNodes.Where(n => n.Kind == NodeKinds.Answer))
            {
                var (first, rest) = (SmsPaging.Reserve(node, words, null, firstPage: true), SmsPaging.Reserve(node, words, null, firstPage: false));
                int Cost(IReadOnlyList<string> pages) => pages.Select((p, i) => SegmentCounter.Count(p + TextPager.Separator + (i == 0 ? first : rest))).Sum();
                var full = FullPages(node, words, options.SmsAnswerPageBudget);
                var chosen = paging.Of(node, words, null, Channel.Sms).Pages;
                Assert.True(Cost(chosen) <= Cost(full), $"{node.Id} in {locale.Culture}: {Cost(chosen)} > {Cost(full)}");
                if (Cost(chosen) < Cost(full)) cheaper++;
            }
        }
        Assert.True(cheaper > 0, "no answer is cheaper cut smaller: the cheapest-cut search is not running");
    }

    /// <summary>
    /// An answer's page is a message a texter reads at once: at most SmsAnswerPageBudget (3) segments. Only its last
    /// page may take up to the reply budget (4), and only where that saves the texter a whole message: the answer cut
    /// to the page budget alone would have one page more. Some answers in the repository do save one.
    /// </summary>
    [Fact]
    public void Of_AnswerPages_WithinThePageBudget_ALargerLastPageOnlyWhereItSavesAMessage()
    {
        var content = TestContent.Repo;
        var options = new EngineOptions();
        Assert.True(options.SmsAnswerPageBudget < options.SmsSegmentBudget);
        var paging = new SmsPaging(content, options);
        var saved = 0;
        foreach (var locale in content.Locales.Locales)
        {
            var words = Written(locale.Culture);
            foreach (var node in PagedNodes.Where(n => n.Kind == NodeKinds.Answer))
            {
                var pages = paging.Of(node, words, null, Channel.Sms).Pages;
                int Segments(int i) => SegmentCounter.Count(pages[i] + TextPager.Separator + SmsPaging.Reserve(node, words, null, firstPage: i == 0));
                for (var i = 0; i < pages.Count - 1; i++)
                    Assert.True(Segments(i) <= options.SmsAnswerPageBudget, $"{node.Id} in {locale.Culture}, page {i + 1} of {pages.Count}: {Segments(i)} segments");
                var last = Segments(pages.Count - 1);
                Assert.True(last <= options.SmsSegmentBudget, $"{node.Id} in {locale.Culture}, last page: {last} segments");
                if (last <= options.SmsAnswerPageBudget) continue;
                Assert.True(FullPages(node, words, options.SmsAnswerPageBudget).Count > pages.Count,
                    $"{node.Id} in {locale.Culture}: a last page of {last} segments that saves no message");
                saved++;
            }
        }
        Assert.True(saved > 0, "no answer sends its last two pages as one: the last-page rule is not running");
    }

    [Fact]
    public void Of_AList_UsesTheReplyBudget_NotTheAnswerPageBudget()
    {
        // Several organizations on a page with the heading once: a list's page, not only its last, may cost up to
        // the reply budget.
        var content = TestContent.Repo;
        var options = new EngineOptions();
        var paging = new SmsPaging(content, options);
        var notLast = content.Locales.Locales.SelectMany(locale => PagedNodes.Where(n => n.Kind == NodeKinds.Directory).SelectMany(n =>
        {
            var words = Written(locale.Culture);
            var pages = paging.Of(n, words, "TX", Channel.Sms).Pages;
            return pages.SkipLast(1).Select((p, i) => SegmentCounter.Count(p + TextPager.Separator + SmsPaging.Reserve(n, words, "TX", firstPage: i == 0)));
        })).ToList();
        Assert.Equal(options.SmsSegmentBudget, notLast.Max());
    }

    private static IReadOnlyList<string> FullPages(NodeDefinition node, Wording words, int segments) =>
        TextPager.Pages(node.Texts.Select(k => words.Text(k)),
            TextPager.SegmentBudget(segments, SmsPaging.Reserve(node, words, null, firstPage: true)),
            TextPager.SegmentBudget(segments, SmsPaging.Reserve(node, words, null, firstPage: false)), fillWithSentences: true);

    [Fact]
    public void TextMe_IsWrittenNotSpoken_AndWithinTheBudget()
    {
        var content = TestContent.Repo;
        var paging = new SmsPaging(content, new EngineOptions());
        var list = PagedNodes.First(n => n.Kind == NodeKinds.Directory && content.Directory.Lookup(n.Need!, null).Any(o => o.Website is not null && o.WebsiteSpoken is not null));
        var state = new ConversationState { Culture = "en" };
        var messages = paging.TextMe(list, new Wording(content.Locales, state, spoken: true).Written, null);
        var organization = content.Directory.Lookup(list.Need!, null).First(o => o.Website is not null && o.WebsiteSpoken is not null);
        Assert.Contains(messages, m => m.Contains(organization.Website!, StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains(content.Locales.Text("en", organization.WebsiteSpoken!), StringComparison.Ordinal));
        Assert.All(messages, m => Assert.True(SegmentCounter.Count(m) <= new EngineOptions().SmsSegmentBudget));
    }
}
