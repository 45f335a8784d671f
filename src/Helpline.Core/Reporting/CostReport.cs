using System.Globalization;
using System.Text;
using Helpline.Core.Channels;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Validation;

namespace Helpline.Core.Reporting;

/// <summary>
/// The content report's "Cost per answer" section: what texting costs in segments, per language, over the replies
/// exactly as the SMS webhook sends them (see <see cref="SentReplies"/>), with and without GSM-7 folding.
/// </summary>
public static class CostReport
{
    public static void Write(StringBuilder md, ContentBundle content, int budget)
    {
        md.AppendLine("## Cost per answer");
        md.AppendLine();
        md.AppendLine("### SMS, as sent");
        md.AppendLine();
        md.AppendLine($"Every reply the helpline can send, in every language, measured as the SMS webhook sends it (texts, menu, footer and page marker together). " +
            $"Budget: any reply at most {budget} segments (`Helpline:SmsSegmentBudget`), the first reply at most {ContentValidator.FirstReplyBudget}, " +
            $"a page of an answer at most {Math.Min(new EngineOptions().SmsAnswerPageBudget, budget)} (`Helpline:SmsAnswerPageBudget`; an answer's last page may take up to {budget} where that saves the texter a message). " +
            $"Paths start with the first message `{SmsCostFigures.FirstMessage}` (a greeting: it gets the language menu), or with the language's own name, and count every reply until the person has the answer " +
            "(all pages of \"how to say you are afraid\"; the first page of free legal help for Texas): replies / segments.");
        md.AppendLine();

        var first = SentReplies.All(content, new EngineOptions { SmsSegmentBudget = budget })
            .Where(r => r.Situation.StartsWith("first message '", StringComparison.Ordinal) && SentReplies.FirstMessages.Any(m => r.Situation == $"first message '{m}'"))
            .ToList();
        md.AppendLine("First contact (nothing stored yet): " + string.Join(", ", first.Select(r =>
            $"`{r.Situation["first message '".Length..^1]}` → {r.Cost.Segments} ({r.Culture ?? "language menu"})")) + ".");
        md.AppendLine();

        Row(md, "Culture", "Folds", "First reply", "Largest reply", "Median answer page", $"Over {budget}", "hi → credible fear", "hi → Texas legal help",
            "name → credible fear", "name → Texas legal help", "Without / with folding: first reply, largest, credible fear, Texas");
        Rule(md, 11);
        foreach (var (actual, without, with) in SmsCostFigures.Measure(content, budget))
        {
            Row(md,
                actual.Culture,
                actual.FoldsByDefault ? "yes" : "no",
                $"{actual.FirstReply.Cost.Segments} ({actual.FirstReply.Cost.EncodingName})",
                $"{actual.Largest.Cost.Segments} (`{actual.Largest.Node}`, {actual.Largest.Situation})",
                actual.MedianAnswerPage.ToString("0.#", CultureInfo.InvariantCulture),
                actual.OverBudget.ToString(CultureInfo.InvariantCulture),
                Path(actual.ToCredibleFear),
                Path(actual.ToTexasLegalHelp),
                Path(actual.ToCredibleFearByName),
                Path(actual.ToTexasLegalHelpByName),
                $"{Figures(without)} / {Figures(with)}");
        }
        md.AppendLine();
        Voice(md, content, budget);
    }

    private static void Voice(StringBuilder md, ContentBundle content, int budget)
    {
        md.AppendLine("### Calls, in seconds of audio");
        md.AppendLine();
        md.AppendLine($"Measured prompt by prompt as a call plays them: recordings and espeak-ng stand-ins by their real duration, Twilio's voice by " +
            $"an estimate per language (characters a second: en {Rate("en")}, es {Rate("es")}, pt {Rate("pt")}, fr {Rate("fr")}, ru {Rate("ru")}, zh {Rate("zh")}, pa {Rate("pa")}), " +
            $"plus {CallTiming.PauseBetweenPrompts.ToString(CultureInfo.InvariantCulture)} s between prompts. Targets: every language option within {CallTiming.Target} s of the call's start, " +
            $"the main menu in full within {CallTiming.Target} s of choosing a language, no menu over {CallTiming.MostOptions} options; a key can be pressed at any time (every prompt plays inside the &lt;Gather&gt;), " +
            "so \"credible fear\" counts each menu only up to the option the caller takes.");
        md.AppendLine();
        var times = CallTiming.Measure(content, new EngineOptions { SmsSegmentBudget = budget });
        md.AppendLine($"Largest voice menu: {times.FirstOrDefault()?.LargestMenu ?? 0} options.");
        md.AppendLine();
        Row(md, "Culture", "Own language option (s)", "Main menu after choosing (s)", "Call start → credible-fear answer (s)", "Twilio voice (estimated)");
        Rule(md, 5);
        foreach (var t in times)
            Row(md, t.Culture, Seconds(t.OwnLanguageOption), Seconds(t.MainMenu), double.IsNaN(t.CredibleFear) ? "not reached" : Seconds(t.CredibleFear), t.Estimated ? "yes" : "no");
        md.AppendLine();
    }

    private static string Rate(string language) => CallTiming.SayCharactersPerSecond(language).ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double s) => s.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Figures(SmsCostFigures f) =>
        $"{f.FirstReply.Cost.Segments}, {f.Largest.Cost.Segments}, {f.ToCredibleFear.Segments}, {f.ToTexasLegalHelp.Segments}";

    private static string Path(PathCost path) =>
        path.Reached ? $"{path.Replies} / {path.Segments}" : $"not reached ({path.Replies} / {path.Segments})";

    private static void Row(StringBuilder md, params string[] cells) =>
        md.AppendLine("| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal))) + " |");

    private static void Rule(StringBuilder md, int columns) =>
        md.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", columns)));
}
