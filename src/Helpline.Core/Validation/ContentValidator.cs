using System.Globalization;
using System.Text.RegularExpressions;
using Helpline.Core.Content;
using Helpline.Core.Directory;
using Helpline.Core.Engine;
using Helpline.Core.Flows;
using Helpline.Core.Localization;
using Helpline.Core.Text;
using Helpline.Core.Voice;

namespace Helpline.Core.Validation;

public enum Severity { Info, Warning, Error }

/// <summary>One thing the validator found, naming the file and the node or key.</summary>
public sealed record Finding(Severity Severity, string File, string Where, string Message)
{
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {File}: {Where}: {Message}";
}

public sealed class ValidationOptions
{
    public int SmsSegmentBudget { get; set; } = 4;
    /// <summary>A fact or directory entry last verified longer ago than this is reported.</summary>
    public int StaleAfterDays { get; set; } = 180;
    public DateOnly Today { get; set; } = DateOnly.FromDateTime(DateTime.UtcNow);
    /// <summary>Production: an answer whose facts (or a shown entry) are past <see cref="StaleAfterDays"/> is refused or flagged.</summary>
    public bool Production { get; set; }
    public StaleContentMode StaleInProduction { get; set; } = StaleContentMode.Refuse;
    /// <summary>Helpline:MarkLanguagesUnderReview as the helpline runs: the replies are measured with the menu's marks and the review note.</summary>
    public bool MarkLanguagesUnderReview { get; set; }
}

/// <summary>
/// Checks everything editors write before it reaches a caller: flows that lead nowhere, menus that
/// clash, texts missing or too long for an SMS, facts without a source, numbers no source backs.
/// </summary>
public sealed partial class ContentValidator(ValidationOptions options)
{
    private static readonly HashSet<string> ReviewStatuses = ["machine-draft", "reviewed", "source"];
    private static readonly HashSet<string> Needs = ["representation", "detention", "children", "separated-family", "case-status", "shelter"];
    private static readonly string[] ReservedDigits = [Commands.MenuDigit, Commands.RepeatKey, Commands.BackKey];

    public IReadOnlyList<Finding> Validate(ContentBundle content)
    {
        var findings = new List<Finding>();
        var usedKeys = UsedTextKeys.Find(content).ToDictionary(u => u.Key, u => (u.File, u.Where), StringComparer.Ordinal);
        CheckFlows(content, findings);
        CheckDirectory(content, findings);
        CheckFacts(content, findings);
        CheckLocales(content, findings, usedKeys);
        CheckNumbers(content, findings);
        CheckTranslations(content, findings);
        CheckVerificationHistory(content, findings);
        if (options.Production) CheckFreshForProduction(content, findings);
        CheckVoice(content, findings);
        CheckSentReplies(content, findings);
        return findings;
    }

    // --- flows ------------------------------------------------------------------------------------

    private void CheckFlows(ContentBundle content, List<Finding> findings)
    {
        var flows = content.Compiled;
        if (flows.Flow(CompiledFlows.MainFlow) is null)
            findings.Add(new(Severity.Error, "flows/", "flow 'main'", "there is no flow named 'main': conversations start at its start node"));

        foreach (var group in content.Flows.GroupBy(f => f.Flow).Where(g => g.Count() > 1))
            findings.Add(new(Severity.Error, group.Last().File, $"flow '{group.Key}'", $"two files define flow '{group.Key}'"));

        var reachable = flows.Reachable();
        var factIds = content.Facts.Select(f => f.Id).ToHashSet();

        foreach (var flow in content.Flows)
        {
            if (string.IsNullOrWhiteSpace(flow.Flow)) findings.Add(new(Severity.Error, flow.File, "flow", "the file has no 'flow:' name"));
            if (flow.Node(flow.Start) is null) findings.Add(new(Severity.Error, flow.File, $"start '{flow.Start}'", "the start node does not exist"));

            foreach (var group in flow.Nodes.GroupBy(n => n.Id).Where(g => g.Count() > 1))
                findings.Add(new(Severity.Error, flow.File, $"node '{group.Key}'", "two nodes have this id"));

            foreach (var node in flow.Nodes)
            {
                var where = $"node '{node.Id}'";
                void Error(string message) => findings.Add(new(Severity.Error, flow.File, where, message));

                if (string.IsNullOrWhiteSpace(node.Id)) { Error("a node has no id"); continue; }
                if (!NodeKinds.All.Contains(node.Kind)) { Error($"unknown kind '{node.Kind}' (one of {string.Join(", ", NodeKinds.All)})"); continue; }

                var qualified = CompiledFlows.Qualify(flow.Flow, node.Id);
                if (!reachable.Contains(qualified)) findings.Add(new(Severity.Error, flow.File, where, "unreachable: no menu leads here from the language menu"));

                foreach (var (trigger, target) in flows.Edges(flow, node))
                {
                    if (flows.Node(target) is null) Error($"'{trigger}' leads to '{target}', which does not exist");
                }

                switch (node.Kind)
                {
                    case NodeKinds.LanguageMenu:
                        if (node.Languages.Count == 0) Error("dead end: a language menu without languages");
                        if (node.Languages.Count > 10) Error("a language menu offers at most 10 languages (digits 1-9 and 0)");
                        if (node.Next is null) Error("dead end: a language menu needs 'next' (the main menu)");
                        foreach (var culture in node.Languages.Where(c => !content.Locales.Has(c)))
                            Error($"language '{culture}' has no file in locales/");
                        break;
                    case NodeKinds.Menu or NodeKinds.RegionMenu:
                        CheckMenu(content, flow, node, findings);
                        if (node.Kind == NodeKinds.RegionMenu && node.Next is null) Error("dead end: a region menu needs 'next' (the list to show)");
                        break;
                    case NodeKinds.Answer:
                        if (node.Texts.Count == 0) Error("dead end: an answer without texts");
                        if (node.Facts.Count == 0) Error("an answer must name the facts it states ('facts:')");
                        foreach (var fact in node.Facts.Where(f => !factIds.Contains(f))) Error($"fact '{fact}' is not in facts/");
                        break;
                    case NodeKinds.Directory:
                        if (node.Need is null) Error("dead end: a directory list needs 'need'");
                        else if (!Needs.Contains(node.Need)) Error($"unknown need '{node.Need}' (one of {string.Join(", ", Needs)})");
                        break;
                    case NodeKinds.Transfer:
                        if (node.Organization is null) Error("a transfer needs 'organization'");
                        else if (content.Directory.Get(node.Organization) is not { } org) Error($"organization '{node.Organization}' is not in directory/");
                        else if (!org.IsShown) Error($"organization '{node.Organization}' is not shown to callers (status {org.Status})");
                        break;
                }
            }
        }
    }

    private static void CheckMenu(ContentBundle content, FlowDefinition flow, NodeDefinition node, List<Finding> findings)
    {
        var where = $"node '{node.Id}'";
        if (node.Options.Count == 0) findings.Add(new(Severity.Error, flow.File, where, "dead end: a menu without options"));

        foreach (var group in node.Options.GroupBy(o => o.Digit).Where(g => g.Count() > 1))
            findings.Add(new(Severity.Error, flow.File, where, $"digit {group.Key} is used by {group.Count()} options"));

        foreach (var option in node.Options)
        {
            if (option.Digit.Length != 1 || !char.IsAsciiDigit(option.Digit[0]))
                findings.Add(new(Severity.Error, flow.File, where, $"option '{option.Label}': digit must be one of 1-9 (one key on a phone)"));
            if (ReservedDigits.Contains(option.Digit))
                findings.Add(new(Severity.Error, flow.File, where, $"digit {option.Digit} collides with a global command (0 menu, * repeat, # back)"));
            if (node.Kind == NodeKinds.RegionMenu && option.Region is null)
                findings.Add(new(Severity.Error, flow.File, where, $"option {option.Digit} of a region menu needs 'region'"));
        }

        foreach (var locale in content.Locales.Locales)
        {
            var owner = new Dictionary<string, string>(StringComparer.Ordinal);
            var commandWords = Commands.All.SelectMany(c => content.Locales.Words(locale.Culture, c).Select(w => (Word: InputNormalizer.WordKey(w), Command: c)))
                .GroupBy(x => x.Word).ToDictionary(g => g.Key, g => g.First().Command);
            foreach (var option in node.Options.Where(o => o.Keywords is not null))
            {
                var words = content.Locales.Words(locale.Culture, option.Keywords!).Select(InputNormalizer.WordKey).Distinct();
                foreach (var word in words)
                {
                    if (owner.TryGetValue(word, out var other) && other != option.Digit)
                        findings.Add(new(Severity.Error, locale.File, $"{flow.File} {where}", $"keyword '{word}' chooses both option {other} and option {option.Digit}"));
                    owner[word] = option.Digit;
                    if (commandWords.TryGetValue(word, out var command))
                        findings.Add(new(Severity.Error, locale.File, $"{flow.File} {where}", $"keyword '{word}' of option {option.Digit} is also the global command '{command}'"));
                }
            }
        }
    }

    // --- directory and facts ------------------------------------------------------------------------

    private void CheckDirectory(ContentBundle content, List<Finding> findings)
    {
        foreach (var group in content.Directory.All.GroupBy(o => o.Id).Where(g => g.Count() > 1))
            findings.Add(new(Severity.Error, group.Last().File, $"entry '{group.Key}'", "two entries have this id"));

        foreach (var org in content.Directory.All)
        {
            var where = $"entry '{org.Id}'";
            void Add(Severity severity, string message) => findings.Add(new(severity, org.File, where, message));

            if (string.IsNullOrWhiteSpace(org.Source)) Add(Severity.Error, "no source: every entry must say where it comes from");
            if (!OrganizationStatus.All.Contains(org.Status)) Add(Severity.Error, $"unknown status '{org.Status}' (one of {string.Join(", ", OrganizationStatus.All)})");
            foreach (var need in org.Needs.Where(n => !Needs.Contains(n))) Add(Severity.Error, $"unknown need '{need}'");
            foreach (var region in org.Regions.Where(r => r != LegalDirectory.National && !UsRegions.Codes.Contains(r))) Add(Severity.Error, $"unknown region '{region}'");
            if (org.Status == OrganizationStatus.Verified && org.Phone is not null && org.DialNumber is null)
                Add(Severity.Error, $"phone '{org.Phone}' is not a 10-digit US number that can be dialed");
            if (org.Status == OrganizationStatus.WebsiteOnly && org.Website is null) Add(Severity.Error, "website-only, but no website");
            if (org.IsShown) StaleCheck(org.Verified, org.File, where, findings);
        }
    }

    private void CheckFacts(ContentBundle content, List<Finding> findings)
    {
        foreach (var group in content.Facts.GroupBy(f => f.Id).Where(g => g.Count() > 1))
            findings.Add(new(Severity.Error, group.Last().File, $"fact '{group.Key}'", "two facts have this id"));
        foreach (var fact in content.Facts)
        {
            var where = $"fact '{fact.Id}'";
            if (string.IsNullOrWhiteSpace(fact.Source)) findings.Add(new(Severity.Error, fact.File, where, "no source: every fact must say where it comes from"));
            if (string.IsNullOrWhiteSpace(fact.Statement)) findings.Add(new(Severity.Error, fact.File, where, "no statement"));
            if (fact.Kind is not ("durable" or "time-sensitive")) findings.Add(new(Severity.Error, fact.File, where, $"kind must be durable or time-sensitive, not '{fact.Kind}'"));
            if (fact.Kind == "time-sensitive" && fact.SourceDate is null) findings.Add(new(Severity.Error, fact.File, where, "a time-sensitive fact needs its source date"));
            StaleCheck(fact.Verified, fact.File, where, findings);
        }
    }

    private void StaleCheck(string? verified, string file, string where, List<Finding> findings)
    {
        if (verified is null)
        {
            findings.Add(new(Severity.Warning, file, where, "never verified against a dated source: confirm it, then record it with helpline verify"));
            return;
        }
        if (!DateOnly.TryParseExact(verified, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            findings.Add(new(Severity.Error, file, where, $"verified '{verified}' is not a yyyy-MM-dd date"));
            return;
        }
        var age = options.Today.DayNumber - date.DayNumber;
        if (age > options.StaleAfterDays)
            findings.Add(new(Severity.Warning, file, where, $"stale: last verified {verified}, {age} days ago (limit {options.StaleAfterDays})"));
    }

    // --- locales -------------------------------------------------------------------------------------

    private void CheckLocales(ContentBundle content, List<Finding> findings, Dictionary<string, (string File, string Where)> usedKeys)
    {
        var english = content.Locales.English;
        foreach (var (key, (file, where)) in usedKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (!english.Texts.ContainsKey(key))
                findings.Add(new(Severity.Error, file, where, $"text key '{key}' is missing in {english.File}"));
        }

        var selectOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var locale in content.Locales.Locales)
        {
            void Add(Severity severity, string where, string message) => findings.Add(new(severity, locale.File, where, message));

            if (string.IsNullOrWhiteSpace(locale.Name)) Add(Severity.Error, "name", "the language's name in its own script is missing");
            if (locale.Direction is not ("ltr" or "rtl")) Add(Severity.Error, "direction", $"direction must be ltr or rtl, not '{locale.Direction}'");
            if (!ReviewStatuses.Contains(locale.Review.Status)) Add(Severity.Error, "review", $"review status must be one of {string.Join(", ", ReviewStatuses)}");
            if (locale.Review.Status == "reviewed" && (locale.Review.ReviewedBy is null || locale.Review.Date is null))
                Add(Severity.Error, "review", "'reviewed' needs reviewed_by and date");
            if (locale.Review.Status == "machine-draft")
                Add(Severity.Info, "review", "machine draft: a native speaker must review it before callers rely on it");
            if (IsRightToLeftScript(locale.Name) != locale.IsRightToLeft)
                Add(Severity.Error, "direction", $"the name '{locale.Name}' is written {(IsRightToLeftScript(locale.Name) ? "right-to-left" : "left-to-right")} but direction is {locale.Direction}");

            foreach (var word in locale.SelectWords.Append(locale.Name).Select(InputNormalizer.WordKey).Distinct())
            {
                if (selectOwners.TryGetValue(word, out var other) && other != locale.Culture)
                    Add(Severity.Error, "select_words", $"'{word}' selects both {other} and {locale.Culture}");
                selectOwners[word] = locale.Culture;
            }

            var commandOwner = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var command in Commands.All)
            {
                if (!locale.Keywords.ContainsKey(command)) Add(Severity.Warning, $"keywords.{command}", "no words for this command in this language (English words still work)");
                foreach (var word in (locale.Keywords.GetValueOrDefault(command) ?? []).Select(InputNormalizer.WordKey))
                {
                    if (commandOwner.TryGetValue(word, out var other) && other != command)
                        Add(Severity.Error, $"keywords.{command}", $"'{word}' is also a word for '{other}'");
                    commandOwner[word] = command;
                }
            }

            if (ReferenceEquals(locale, english)) continue;

            foreach (var key in usedKeys.Keys.Where(k => english.Texts.ContainsKey(k) && !locale.Texts.ContainsKey(k)).Order(StringComparer.Ordinal))
                Add(Severity.Warning, key, "falls back to English");
            foreach (var key in locale.Texts.Keys.Where(k => !english.Texts.ContainsKey(k)))
                Add(Severity.Warning, key, "not in English: no flow can use it");
            foreach (var (key, text) in locale.Texts)
            {
                if (english.Texts.TryGetValue(key, out var source) && Placeholders(source) != Placeholders(text))
                    Add(Severity.Error, key, $"placeholders {Placeholders(text)} differ from English {Placeholders(source)}");
            }
        }
    }

    internal static string Digits(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 11 && digits[0] == '1' ? digits[1..] : digits;
    }

    private static string Placeholders(string text) => string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal));

    private static bool IsRightToLeftScript(string text) => text.Any(c => c is >= '\u0590' and <= '\u08FF');

    [GeneratedRegex(@"(?<![\d])(?:\+?1[-. ]?)?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}(?!\d)")]
    internal static partial Regex PhonePattern();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
