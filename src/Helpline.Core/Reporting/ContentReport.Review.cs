using System.Globalization;
using System.Text;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Localization;
using Helpline.Core.Validation;

namespace Helpline.Core.Reporting;

/// <summary>The report's sections on translation review and on what to verify next.</summary>
public static partial class ContentReport
{
    /// <summary>
    /// The texts a caller can be given in one language, with each one's review state: a key and, where the language
    /// or English has one, its spoken (.voice) variant. A text the language lacks, where the caller gets the English
    /// instead, is counted as missing: the key on its own, its spoken variant when the language has neither it nor
    /// the written text (a call says the language's written text before the English spoken one).
    /// </summary>
    public static IReadOnlyList<TranslationStatus> CallerTexts(ContentBundle content, Locale locale)
    {
        var english = content.Locales.English.Texts;
        var own = locale.Texts;
        var keys = UsedTextKeys.Find(content).Select(u => u.Key)
            .SelectMany(k => new[] { (Key: k, Written: (string?)null), (Key: k + ConversationEngine.VoiceSuffix, Written: k) })
            .Where(k => english.ContainsKey(k.Key) && (own.ContainsKey(k.Key) || k.Written is null || !own.ContainsKey(k.Written)))
            .Select(k => k.Key)
            .Distinct(StringComparer.Ordinal);
        return [.. keys.Select(k => content.Translations.StatusOf(content.Locales, locale.Culture, k))];
    }

    private static void Translations(StringBuilder md, ContentBundle content)
    {
        md.AppendLine("## Translations");
        md.AppendLine();
        md.AppendLine("Each translated text records which English text it translates (`locales/review/<culture>.yaml`). " +
            "Counted over the texts a caller can get in the language, missing ones included. A machine draft is a translation " +
            "no native speaker has reviewed; stale means the English changed after it was translated or reviewed; untracked means no record says which English it translates; " +
            "missing means the language has no text of its own, so a caller gets the English. " +
            "Mark re-translated texts with `helpline translations mark`, approve reviewed ones with `helpline translations approve`; " +
            "a reviewer adds a missing text on the review page or in an XLIFF file (`helpline review export`).");
        md.AppendLine();
        Row(md, "Language", "Texts", "Reviewed", "Machine drafts", "Stale", "Untracked", "Missing", "Reviewed share");
        Rule(md, 8);
        var rows = content.Locales.Locales.Where(l => !ReferenceEquals(l, content.Locales.English))
            .Select(l => (Locale: l, Texts: CallerTexts(content, l))).ToList();
        foreach (var (locale, texts) in rows)
        {
            var counts = TranslationCounts.Of(texts);
            Row(md, $"{locale.EnglishName} ({Code(locale.Culture)})", counts.Texts.ToString(CultureInfo.InvariantCulture), counts.Reviewed.ToString(CultureInfo.InvariantCulture),
                counts.MachineDrafts.ToString(CultureInfo.InvariantCulture), counts.Stale.ToString(CultureInfo.InvariantCulture),
                counts.Untracked.ToString(CultureInfo.InvariantCulture), counts.Missing.ToString(CultureInfo.InvariantCulture),
                counts.Texts == 0 ? "-" : $"{counts.ReviewedPercent}%");
        }
        md.AppendLine();

        md.AppendLine("### What a caller gets unreviewed");
        md.AppendLine();
        foreach (var (locale, texts) in rows)
        {
            var unreviewed = texts.Where(t => !t.IsReviewed).ToList();
            if (unreviewed.Count == 0)
            {
                md.AppendLine($"- {locale.EnglishName} ({Code(locale.Culture)}): nothing; every text is reviewed and current.");
                continue;
            }
            var parts = new List<string>();
            foreach (var state in new[] { TranslationState.Missing, TranslationState.Stale, TranslationState.Untracked, TranslationState.MachineDraft })
            {
                var keys = unreviewed.Where(t => t.State == state).Select(t => t.Key).ToList();
                if (keys.Count == 0) continue;
                var name = state switch
                {
                    TranslationState.Missing => "missing, given in English",
                    TranslationState.Stale => "stale",
                    TranslationState.Untracked => "untracked",
                    _ => "machine drafts",
                };
                parts.Add(state == TranslationState.MachineDraft && keys.Count == texts.Count
                    ? $"machine drafts: all {keys.Count} texts"
                    : $"{name} ({keys.Count}): {string.Join(", ", keys.Select(Code))}");
            }
            md.AppendLine($"- {locale.EnglishName} ({Code(locale.Culture)}): {string.Join("; ", parts)}");
        }
        md.AppendLine();
        MenuMarks(md, content);
    }

    /// <summary>What Helpline:MarkLanguagesUnderReview would change, measured by running the engine with it on.</summary>
    private static void MenuMarks(StringBuilder md, ContentBundle content)
    {
        var flows = content.Compiled;
        if (flows.Node(flows.LanguageMenu) is not { } languageMenu) return;
        var marksOn = new EngineOptions { MarkLanguagesUnderReview = true };
        var engine = new ConversationEngine(content, TimeProvider.System, marksOn);
        var menu = engine.Handle(null, TurnInput.Sms(Channels.SentReplies.FirstMessages[0]));
        var menuCost = Text.SmsCost.Of(Channels.SmsRenderer.Render(menu.Outputs));

        md.AppendLine("### Languages the menu marks as under review");
        md.AppendLine();
        md.AppendLine("With `Helpline:MarkLanguagesUnderReview` on (off by default), the language menu puts `*` after each language whose reviewed share above is under 100% " +
            "(a caller cannot tell which texts were checked; English, the source, is never marked), and the language's welcome is followed by " +
            $"`{Keys.UnderReviewNote}`: in the first reply when it stays within the first-reply budget of {ContentValidator.FirstReplyBudget} segments as sent, " +
            "else at the top of the next reply with room (a call hears it after the main menu). Approving every text of a language removes its mark. " +
            $"The marked language menu costs {menuCost.Segments} segments ({menuCost.EncodingName}, {menuCost.Length} characters).");
        md.AppendLine();
        Row(md, "Language", "Marked", "First reply with the marks on", "Review note", "hi → credible fear, marks off → on (replies / segments)");
        Rule(md, 5);
        var marksOff = new EngineOptions();
        var digits = Channels.SentReplies.LanguageDigits(languageMenu);
        for (var i = 0; i < languageMenu.Languages.Count; i++)
        {
            var locale = content.Locales.Get(languageMenu.Languages[i]);
            var chosen = engine.Handle(menu.State, TurnInput.Sms(digits[i]));
            var cost = Text.SmsCost.Of(Channels.SmsRenderer.Render(chosen.Outputs));
            var marked = engine.UnderReview.Contains(locale.Culture);
            var note = !marked ? "-"
                : chosen.State?.ReviewNoteOwed == true ? "next reply (no room in the first)"
                : "first reply, after the welcome";
            var off = Channels.SmsPaths.Cost(content, marksOff, locale.Culture, Channels.SentReplies.FirstMessages[0], Channels.SmsPaths.CredibleFear);
            var on = Channels.SmsPaths.Cost(content, marksOn, locale.Culture, Channels.SentReplies.FirstMessages[0], Channels.SmsPaths.CredibleFear);
            Row(md, $"{locale.EnglishName} ({Code(locale.Culture)})", marked ? "yes" : "no",
                $"{cost.Segments} ({cost.EncodingName}, {cost.Length} characters)", note,
                $"{off.Replies} / {off.Segments} → {on.Replies} / {on.Segments}");
        }
        md.AppendLine();
    }

    private static void VerifyNext(StringBuilder md, ContentBundle content, ReportOptions options, DateOnly today)
    {
        md.AppendLine("## What to verify next");
        md.AppendLine();
        md.AppendLine($"Facts and shown directory entries, oldest verification first (never verified at the top). Record a check with " +
            "`helpline verify fact|entry ID --by NAME --source SOURCE`; the history is in `" + VerificationLog.RelativePath + "`. " +
            $"Production refuses (or flags) an answer whose facts are older than {options.StaleAfterDays} days: `helpline validate --production`.");
        md.AppendLine();
        var last = VerificationLog.Read(content.Root)
            .GroupBy(r => (r.Kind, r.Id)).ToDictionary(g => g.Key, g => g.Last());
        var items = content.Facts.Select(f => (Kind: VerificationRecord.FactKind, f.Id, f.Verified))
            .Concat(content.Directory.All.Where(o => o.IsShown).Select(o => (Kind: VerificationRecord.EntryKind, o.Id, o.Verified)))
            .Select(i => (i.Kind, i.Id, i.Verified, Age: VerifiedAge.Of(i.Verified, today, options.StaleAfterDays)))
            .OrderBy(i => i.Age.Days is null ? 0 : 1).ThenByDescending(i => i.Age.Days).ThenBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        Row(md, "Kind", "Id", "Verified", "Age (days)", "Past the limit", "Last check (by, source)");
        Rule(md, 6);
        foreach (var (kind, id, verified, age) in items)
        {
            var check = last.GetValueOrDefault((kind, id)) is { } r ? $"{r.By}; {r.Source}" : "-";
            Row(md, kind, Code(id), verified ?? "never", age.Days?.ToString(CultureInfo.InvariantCulture) ?? "-", age.NeedsChecking ? "yes" : "no", check);
        }
        md.AppendLine();
    }
}
