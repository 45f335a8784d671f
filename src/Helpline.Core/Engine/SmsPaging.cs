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
            Func<string, bool> Budget(string reserved) => channel == Channel.WhatsApp
                ? TextPager.LengthBudget(options.WhatsAppMessageLength, reserved)
                : TextPager.SegmentBudget(options.SmsSegmentBudget, reserved);
            var pages = TextPager.Pages(blocks.Select(b => b.Text), Budget(Reserve(node, written, region, firstPage: true)), Budget(Reserve(node, written, region, firstPage: false)));
            // As many pages as the budget needs, but as even as they can be: the same cost, and no page fuller than it must be.
            for (var segments = 1; channel != Channel.WhatsApp && pages.Count > 1 && segments < options.SmsSegmentBudget; segments++)
            {
                Func<string, bool> Even(string reserved) => TextPager.SegmentBudget(segments, reserved);
                var even = TextPager.Pages(blocks.Select(b => b.Text), Even(Reserve(node, written, region, firstPage: true)), Even(Reserve(node, written, region, firstPage: false)));
                if (even.Count == pages.Count) { pages = even; break; }
            }
            return new SmsPages(pages, blocks.Count == 1 && pages.Count == 1 ? blocks[0].Key : null);
        });

    /// <summary>A call's "text me this": the node written out as SMS messages, each within the segment budget.</summary>
    public IReadOnlyList<string> TextMe(NodeDefinition node, Wording written, string? region) =>
        TextPager.Pages(NodeBlocks.Of(content, node, written, region).Select(b => b.Text), TextPager.SegmentBudget(options.SmsSegmentBudget, ""));

    /// <summary>
    /// What an SMS page is sent with, so that the page leaves room for it: the longer footer, and on a list's
    /// first page also its heading and the "Place:" line (said when the region was just chosen; reserved on the
    /// first page always, so that the page breaks do not move). Later pages of a list do not repeat the heading,
    /// so they hold more organizations.
    /// </summary>
    internal static string Reserve(NodeDefinition node, Wording written, string? region, bool firstPage = true)
    {
        var footer = written.Text(Keys.AnswerFooter);
        var more = written.Text(Keys.SmsMore);
        var reserved = new List<string>();
        if (node.Kind == NodeKinds.Directory && firstPage)
        {
            if (region is not null) reserved.Add(written.Text(Keys.RegionChosen, written.RegionName(region)));
            if (node.Prompt is not null) reserved.Add(written.Text(node.Prompt));
        }
        reserved.Add(footer.Length > more.Length ? footer : more);
        return string.Join(TextPager.Separator, reserved);
    }
}
