using Helpline.Core.Channels;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Flows;
using Helpline.Core.Validation;

namespace Helpline.Core.Reporting;

/// <summary>What texting the helpline costs in one language, every figure over replies as sent.</summary>
public sealed record SmsCostFigures(
    string Culture,
    bool FoldsByDefault,
    SentReply FirstReply,
    SentReply Largest,
    double MedianAnswerPage,
    int OverBudget,
    PathCost ToCredibleFear,
    PathCost ToTexasLegalHelp,
    PathCost ToCredibleFearByName,
    PathCost ToTexasLegalHelpByName)
{
    /// <summary>The greeting the paths start with: the one the issue that asked for these figures names.</summary>
    public const string FirstMessage = "hi";

    /// <summary>Per language, measured with folding as the locales say, and with it forced off and on.</summary>
    public static IReadOnlyList<(SmsCostFigures Actual, SmsCostFigures Without, SmsCostFigures With)> Measure(ContentBundle content, int budget)
    {
        var asSet = Of(content, budget, Gsm7FoldingMode.AsEachLocaleSays);
        var without = Of(content, budget, Gsm7FoldingMode.Never);
        var with = Of(content, budget, Gsm7FoldingMode.Always);
        return [.. asSet.Select((a, i) => (a, without[i], with[i]))];
    }

    public static List<SmsCostFigures> Of(ContentBundle content, int budget, Gsm7FoldingMode folding)
    {
        var options = new EngineOptions { SmsSegmentBudget = budget, SmsFolding = folding };
        var replies = SentReplies.All(content, options).ToList();
        var figures = new List<SmsCostFigures>();
        foreach (var locale in content.Locales.Locales)
        {
            var own = replies.Where(r => r.Culture == locale.Culture && r.Channel == Channel.Sms).ToList();
            var first = own.Where(ContentValidator.IsFirstReply).MaxBy(r => r.Cost.Segments) ?? own[0];
            var pages = own.Where(r => content.Compiled.Node(r.Node)?.Kind == NodeKinds.Answer && r.Situation is "arrives" or "MORE")
                .Select(r => r.Cost.Segments).Order().ToList();
            figures.Add(new SmsCostFigures(
                locale.Culture,
                locale.SmsFoldGsm7,
                first,
                own.MaxBy(r => r.Cost.Segments)!,
                Median(pages),
                own.Count(r => r.Cost.Segments > budget),
                SmsPaths.Cost(content, options, locale.Culture, FirstMessage, SmsPaths.CredibleFear),
                SmsPaths.Cost(content, options, locale.Culture, FirstMessage, SmsPaths.TexasLawyers, "TX"),
                SmsPaths.Cost(content, options, locale.Culture, locale.Name, SmsPaths.CredibleFear),
                SmsPaths.Cost(content, options, locale.Culture, locale.Name, SmsPaths.TexasLawyers, "TX")));
        }
        return figures;
    }

    private static double Median(List<int> sorted)
    {
        if (sorted.Count == 0) return 0;
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
