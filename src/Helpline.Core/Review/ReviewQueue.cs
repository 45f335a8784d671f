using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Flows;
using Helpline.Core.Localization;
using Helpline.Core.Reporting;
using Helpline.Core.Validation;

namespace Helpline.Core.Review;

/// <summary>One text a reviewer checks: the English it translates, the language's text, its review state and why it matters.</summary>
public sealed record ReviewItem(
    string Key,
    string Where,
    string Channel,
    string English,
    string EnglishVersion,
    string Text,
    TranslationState State,
    string? ReviewedBy,
    string? Date,
    string? Note)
{
    /// <summary>missing, draft, reviewed or stale, as the review page and the XLIFF notes say it (untracked counts as a draft).</summary>
    public string StateName => ReviewQueue.NameOf(State);
}

/// <summary>
/// What a reviewer of one language works through: every text a texter or caller can get in it, in the order a
/// conversation reaches them (the language menu and welcome, the main menu and the words said on every turn,
/// then each menu and answer breadth-first, then legal-help entries and call-only prompts). The texts the language
/// lacks come first, in that order too: a caller gets them in English until a reviewer adds them, as happens to
/// every new English text.
/// </summary>
public static class ReviewQueue
{
    public static IReadOnlyList<ReviewItem> For(ContentBundle content, string culture)
    {
        var locale = content.Locales.Get(culture);
        var english = content.Locales.English.Texts;
        var uses = UsedTextKeys.Find(content).ToDictionary(u => u.Key, StringComparer.Ordinal);
        var statuses = ContentReport.CallerTexts(content, locale).ToDictionary(s => s.Key, StringComparer.Ordinal);

        var items = new List<ReviewItem>();
        var order = ConversationOrder(content).Where(statuses.ContainsKey).ToList();
        foreach (var key in order.Where(k => statuses[k].State == TranslationState.Missing).Concat(order.Where(k => statuses[k].State != TranslationState.Missing)))
        {
            var status = statuses[key];
            var baseKey = key.EndsWith(ConversationEngine.VoiceSuffix, StringComparison.Ordinal) ? key[..^ConversationEngine.VoiceSuffix.Length] : key;
            var use = uses.GetValueOrDefault(baseKey);
            var where = use is null ? "" : use.File == UsedTextKeys.EngineFile ? "said by the helpline itself" : $"{use.Where} ({use.File})";
            items.Add(new ReviewItem(key, where, Channel(key, english), english[key], TranslationStatus.SourceHash(english[key]), locale.Texts.GetValueOrDefault(key, ""),
                status.State, status.Record?.ReviewedBy, status.Record?.Date, LegalTermNotes.For(english[key])));
        }
        return items;
    }

    /// <summary>How many of a language's caller texts are reviewed, drafts (untracked included), stale and missing.</summary>
    public static TranslationCounts Progress(ContentBundle content, string culture) =>
        TranslationCounts.Of(ContentReport.CallerTexts(content, content.Locales.Get(culture)));

    public static string NameOf(TranslationState state) => state switch
    {
        TranslationState.Reviewed or TranslationState.Source => "reviewed",
        TranslationState.Stale => "stale",
        TranslationState.Missing => "missing",
        _ => "draft",
    };

    /// <summary>Every key the helpline can say, each followed by its spoken variant, in the order a conversation meets it.</summary>
    public static IReadOnlyList<string> ConversationOrder(ContentBundle content)
    {
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? key)
        {
            if (string.IsNullOrEmpty(key) || !seen.Add(key)) return;
            order.Add(key);
            if (seen.Add(key + ConversationEngine.VoiceSuffix)) order.Add(key + ConversationEngine.VoiceSuffix);
        }

        var uses = UsedTextKeys.Find(content);
        var engine = uses.Where(u => u.File == UsedTextKeys.EngineFile).Select(u => u.Key).ToList();
        Add(Keys.LanguageTitle);
        Add(Keys.LanguageOffer);

        var compiled = content.Compiled;
        var queue = new Queue<string>([compiled.LanguageMenu]);
        var visited = new HashSet<string>(StringComparer.Ordinal) { compiled.LanguageMenu };
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            var (flowId, nodeId) = CompiledFlows.Split(current);
            if (compiled.Flow(flowId) is not { } flow || flow.Node(nodeId) is not { } node) continue;
            Add(node.Intro);
            Add(node.Prompt);
            foreach (var option in node.Options) Add(option.Label);
            foreach (var text in node.Texts) Add(text);
            // The footers, help and error words come with the first menu a caller meets.
            if (current == compiled.MainMenu) engine.Where(k => !k.StartsWith("voice.", StringComparison.Ordinal)).ToList().ForEach(Add);
            foreach (var (_, target) in compiled.Edges(flow, node))
            {
                if (visited.Add(target)) queue.Enqueue(target);
            }
        }
        foreach (var use in uses) Add(use.Key);
        return order;
    }

    private static string Channel(string key, IReadOnlyDictionary<string, string> english)
    {
        if (!LocaleFigures.IsSms(key)) return "call";
        return english.ContainsKey(key + ConversationEngine.VoiceSuffix) ? "SMS" : "SMS and call";
    }
}
