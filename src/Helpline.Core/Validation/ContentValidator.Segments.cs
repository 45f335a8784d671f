using Helpline.Core.Channels;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Flows;

namespace Helpline.Core.Validation;

/// <summary>
/// SMS cost as sent: every reply the engine can send (texts, menu, footer and page marker together) in every
/// language, measured with the one measure the report, the simulator and the benchmark use.
/// </summary>
public sealed partial class ContentValidator
{
    /// <summary>Most segments the first reply (to a first message, or when a language is chosen) may cost.</summary>
    public const int FirstReplyBudget = 3;

    /// <summary>A call's menus: at most 5 choices, each a single key that no global command uses.</summary>
    private static void CheckVoiceMenus(ContentBundle content, List<Finding> findings)
    {
        foreach (var flow in content.Flows)
        {
            foreach (var node in flow.Nodes.Where(n => n.Kind is NodeKinds.Menu or NodeKinds.RegionMenu))
            {
                var where = $"node '{node.Id}'";
                var options = node.OptionsOn(voice: true);
                if (options.Count > Channels.CallTiming.MostOptions)
                    findings.Add(new(Severity.Error, flow.File, where, $"a call hears {options.Count} options here, more than {Channels.CallTiming.MostOptions}: add voice_options that group them"));
                foreach (var option in node.VoiceOptions)
                {
                    if (option.Digit.Length != 1 || !char.IsAsciiDigit(option.Digit[0]) || option.Digit == Commands.MenuDigit)
                        findings.Add(new(Severity.Error, flow.File, where, $"voice option '{option.Label}': digit must be one of 1-9"));
                }
                foreach (var group in node.VoiceOptions.GroupBy(o => o.Digit).Where(g => g.Count() > 1))
                    findings.Add(new(Severity.Error, flow.File, where, $"voice digit {group.Key} is used by {group.Count()} options"));
            }
        }
    }

    private void CheckSentReplies(ContentBundle content, List<Finding> findings)
    {
        CheckVoiceMenus(content, findings);
        var engineOptions = new EngineOptions { SmsSegmentBudget = options.SmsSegmentBudget, MarkLanguagesUnderReview = options.MarkLanguagesUnderReview };
        List<SentReply> replies;
        try
        {
            replies = [.. SentReplies.All(content, engineOptions)];
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or ArgumentException or FormatException)
        {
            // A content error reported elsewhere (a missing node or key) may stop the engine: say so, do not crash.
            findings.Add(new(Severity.Error, "flows/", "SMS replies", $"the replies could not all be worked out: {e.Message}"));
            return;
        }

        // One finding per (node, language, situation): a list over budget in five regions is one fix, not five.
        foreach (var group in replies.Where(r => r.Cost.Segments > options.SmsSegmentBudget)
                     .GroupBy(r => (r.File, r.Node, r.Culture, r.Situation, r.Channel)))
        {
            var worst = group.MaxBy(r => r.Cost.Segments)!;
            findings.Add(new(Severity.Error, worst.File, $"node '{worst.Node}'",
                $"{worst.Culture ?? "before a language is chosen"}: the reply ({Describe(worst)}) costs {worst.Cost.Segments} SMS segments " +
                $"({worst.Cost.EncodingName}, {worst.Cost.Length} characters) as sent, over Helpline:SmsSegmentBudget of {options.SmsSegmentBudget}"));
        }

        foreach (var reply in replies.Where(IsFirstReply).Where(r => r.Cost.Segments > FirstReplyBudget))
        {
            findings.Add(new(Severity.Error, reply.File, $"node '{reply.Node}'",
                $"{reply.Culture ?? "before a language is chosen"}: the first reply ({reply.Situation}) costs {reply.Cost.Segments} SMS segments " +
                $"({reply.Cost.EncodingName}, {reply.Cost.Length} characters), over the first-reply budget of {FirstReplyBudget}"));
        }
    }

    /// <summary>What a new texter gets first: the reply to a first message, or to choosing a language.</summary>
    public static bool IsFirstReply(SentReply reply) =>
        reply.Situation.StartsWith("first message", StringComparison.Ordinal) || reply.Situation.StartsWith("language menu", StringComparison.Ordinal);

    private static string Describe(SentReply reply) =>
        reply.Channel == Channel.Voice ? $"{reply.Situation}, message {reply.Page + 1}"
        : reply.Page > 0 ? $"{reply.Situation}, page {reply.Page + 1}"
        : reply.Situation;
}
