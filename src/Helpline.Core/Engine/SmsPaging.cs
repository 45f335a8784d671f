using System.Collections.Concurrent;
using Helpline.Core.Content;
using Helpline.Core.Flows;
using Helpline.Core.Text;

namespace Helpline.Core.Engine;

/// <summary>An answer's or list's pages as sent, and its text key when it is one block on one page.</summary>
internal sealed record SmsPages(IReadOnlyList<string> Pages, string? Key);

/// <summary>
/// Cuts answers and lists into SMS or WhatsApp pages, each within the message budget together with
/// what it is sent with. One per content load (the engine's): a node's pages depend only on the
/// content, the node, the language, the region and the channel, and paging measures segments many
/// times over, so each is worked out once and kept.
/// </summary>
internal sealed class SmsPaging(ContentBundle content, EngineOptions options)
{
    public EngineOptions Options => options;

    private readonly ConcurrentDictionary<(NodeDefinition Node, string Culture, string? Region, Channel Channel), SmsPages> _cache = new();

    /// <summary>An answer or list as SMS or WhatsApp pages (<paramref name="written"/> is the texter's wording).</summary>
    public SmsPages Of(NodeDefinition node, Wording written, string? region, Channel channel) =>
        _cache.GetOrAdd((node, written.Culture, region, channel), _ =>
        {
            var blocks = NodeBlocks.Of(content, node, written, region);
            var prose = node.Kind == NodeKinds.Answer;
            var first = Reserve(node, written, region, firstPage: true);
            var rest = Reserve(node, written, region, firstPage: false);
            // Each page's budget, given its index and what it is sent with.
            IReadOnlyList<string> Paged(Func<int, string, Func<string, bool>> fits) =>
                TextPager.Pages(blocks.Select(b => b.Text), page => fits(page, page == 0 ? first : rest), fillWithSentences: prose);
            if (channel == Channel.WhatsApp) return Result(Paged((_, reserved) => TextPager.LengthBudget(options.WhatsAppMessageLength, reserved)));
            IReadOnlyList<string> InSegments(Func<int, int> segments) => Paged((page, reserved) => TextPager.SegmentBudget(segments(page), reserved));

            // An answer's pages are short (SmsAnswerPageBudget); a list's hold as many organizations as the reply budget.
            var pageBudget = prose ? Math.Clamp(options.SmsAnswerPageBudget, 1, options.SmsSegmentBudget) : options.SmsSegmentBudget;

            // What the answer costs in all: every page within the budget, and of the ways to cut it the one that costs
            // the fewest segments in all (smaller pages can cost less when a page's overhead, "general information" and
            // the footer, would push a fuller page into one more segment); at equal cost, fewer messages to ask for.
            var best = InSegments(_ => pageBudget);
            var bestCost = Cost(best);
            for (var segments = pageBudget - 1; segments >= 1 && best.Count > 1; segments--)
            {
                var pages = InSegments(_ => segments);
                // Smaller pages only where they still break at sentence or clause ends (a word-by-word cut reads badly).
                if (pages.Select(PageCost).Any(cost => cost > segments) || pages.SkipLast(1).Any(p => !TextPager.EndsAtBreak(p))) continue;
                var cost = Cost(pages);
                if (cost < bestCost || (cost == bestCost && pages.Count <= best.Count)) (best, bestCost) = (pages, cost);
            }

            // A short last page costs the texter a whole message (another "1") and its own note and footer: when the
            // last two pages go as one within the reply budget, for no more segments in all, they do.
            if (best.Count > 1 && pageBudget < options.SmsSegmentBudget)
            {
                var count = best.Count;
                var joined = InSegments(page => page >= count - 2 ? options.SmsSegmentBudget : pageBudget);
                if (joined.Count < count && Cost(joined) <= bestCost) best = joined;
            }
            return Result(best);

            int PageCost(string page, int index) => SegmentCounter.Count(page + TextPager.Separator + (index == 0 ? first : rest));
            int Cost(IReadOnlyList<string> pages) => pages.Select(PageCost).Sum();
            SmsPages Result(IReadOnlyList<string> pages) => new(pages, blocks.Count == 1 && pages.Count == 1 ? blocks[0].Key : null);
        });

    /// <summary>A call's "text me this": the node written out as SMS messages, each within the segment budget.</summary>
    public IReadOnlyList<string> TextMe(NodeDefinition node, Wording written, string? region)
    {
        // Each message may be read alone, so each one of legal information says it is general information.
        var note = GeneralInformation(node, written);
        var pages = TextPager.Pages(NodeBlocks.Of(content, node, written, region).Select(b => b.Text), TextPager.SegmentBudget(options.SmsSegmentBudget, note ?? ""),
            TextPager.SegmentBudget(options.SmsSegmentBudget, note ?? ""), fillWithSentences: node.Kind == NodeKinds.Answer);
        return note is null ? pages : [.. pages.Select(page => note + "\n" + page)];
    }

    /// <summary>The note that heads every page of an answer that gives legal information, or null for other nodes.</summary>
    internal static string? GeneralInformation(NodeDefinition node, Wording written) =>
        node.Kind == NodeKinds.Answer && node.GeneralInformation ? written.Text(Keys.GeneralInformation) : null;

    /// <summary>
    /// What an SMS page is sent with, so that the page leaves room for it: "general information" on every page of
    /// legal information, the longer footer, and on a list's
    /// first page also its heading and the "Place:" line (said when the region was just chosen; reserved on the
    /// first page always, so that the page breaks do not move). Later pages of a list do not repeat the heading,
    /// so they hold more organizations.
    /// </summary>
    internal static string Reserve(NodeDefinition node, Wording written, string? region, bool firstPage = true)
    {
        var footer = written.Text(Keys.AnswerFooter);
        var more = written.Text(Keys.SmsMore);
        var reserved = new List<string>();
        if (GeneralInformation(node, written) is { } note) reserved.Add(note);
        if (node.Kind == NodeKinds.Directory && firstPage)
        {
            if (region is not null) reserved.Add(written.Text(Keys.RegionChosen, written.RegionName(region)));
            if (node.Prompt is not null) reserved.Add(written.Text(node.Prompt));
        }
        reserved.Add(footer.Length > more.Length ? footer : more);
        return string.Join(TextPager.Separator, reserved);
    }
}
