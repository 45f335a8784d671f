using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Flows;
using Helpline.Core.Localization;
using Helpline.Core.Reporting;
using Helpline.Core.Text;
using Helpline.Core.Validation;

namespace Helpline.Web.Simulator;

/// <summary>
/// Which of the texts a turn gave are not reviewed by a native speaker (machine drafts, stale or untracked
/// translations), so an editor trying a language sees exactly what a caller would get unreviewed.
/// </summary>
public static class SimulatorReview
{
    public const string NoteKind = "unreviewed";

    /// <summary>
    /// A language's review figures over the texts a caller can get in it, e.g. "3 reviewed, 170 machine drafts, 2 stale,
    /// 0 untracked", and whether the menu marks it under review (Helpline:MarkLanguagesUnderReview on).
    /// </summary>
    public static string Summary(ContentBundle content, Locale locale, IReadOnlySet<string>? markedUnderReview = null)
    {
        if (ReferenceEquals(locale, content.Locales.English)) return "source";
        var counts = TranslationCounts.Of(ContentReport.CallerTexts(content, locale)).ToString();
        return markedUnderReview?.Contains(locale.Culture) == true ? $"{counts}; marked * in the menu as under review" : counts;
    }

    public static SimulatorNote? Note(ContentBundle content, IReadOnlyList<Output> outputs, ConversationState? state)
    {
        if (state?.Culture is not { } culture || !content.Locales.Has(culture)) return null;
        var locale = content.Locales.Get(culture);
        if (ReferenceEquals(locale, content.Locales.English)) return null;

        var keys = new List<string>();
        foreach (var output in outputs)
        {
            if (output is TextOutput { Key: { } key }) keys.Add(key);
            if (output is ChoicesOutput choices) keys.AddRange(choices.Choices.Select(c => c.LabelKey));
        }
        // An SMS page joins several texts of an answer, or a part of one that was split: each one it shows counts.
        var blocks = outputs.OfType<TextOutput>().SelectMany(t => t.Text.Split(TextPager.Separator)).Select(b => b.Trim()).Where(b => b.Length > 0).ToList();
        if (content.Compiled.Node(state.Position) is { Kind: NodeKinds.Answer } answer)
            keys.AddRange(answer.Texts.Where(k => locale.Texts.TryGetValue(k, out var text) && blocks.Any(b => text.Contains(b, StringComparison.Ordinal) || b.Contains(text, StringComparison.Ordinal))));

        var unreviewed = keys.Distinct(StringComparer.Ordinal)
            .Where(k => locale.Texts.ContainsKey(k) && content.Locales.English.Texts.ContainsKey(k))
            .Select(k => content.Translations.StatusOf(content.Locales, culture, k))
            .Where(s => !s.IsReviewed)
            .Select(s => $"{s.Key} ({Name(s.State)})")
            .ToList();
        return unreviewed.Count == 0 ? null : new(NoteKind, $"Not reviewed by a native speaker ({locale.EnglishName}): {string.Join(", ", unreviewed)}");
    }

    private static string Name(TranslationState state) => state switch
    {
        TranslationState.Stale => "stale: the English changed",
        TranslationState.Untracked => "untracked",
        _ => "machine draft",
    };
}
