using Helpline.Core.Content;
using Helpline.Core.Flows;

namespace Helpline.Core.Validation;

/// <summary>What production does with an answer whose facts were not verified within the limit.</summary>
public enum StaleContentMode
{
    /// <summary>An error: the content is not served until someone verifies the facts (helpline verify).</summary>
    Refuse,
    /// <summary>A warning naming each answer, so a deployment can go ahead while the content lead is told.</summary>
    Flag,
}

/// <summary>
/// In production an answer is only as good as the last time someone checked its facts: each answer a caller
/// can reach, and each directory entry a caller can be shown, must have been verified within the limit.
/// </summary>
public sealed partial class ContentValidator
{
    private void CheckFreshForProduction(ContentBundle content, List<Finding> findings)
    {
        var severity = options.StaleInProduction == StaleContentMode.Refuse ? Severity.Error : Severity.Warning;
        var verb = options.StaleInProduction == StaleContentMode.Refuse ? "refused in production" : "FLAGGED in production";
        foreach (var answer in StaleAnswers.Find(content, options.Today, options.StaleAfterDays))
        {
            findings.Add(new(severity, answer.File, $"node '{answer.Node}'",
                $"{verb}: states {string.Join(", ", answer.Facts.Select(f => $"'{f.Id}' ({f.Why})"))}; verify with helpline verify fact <id>"));
        }
        foreach (var (org, why) in StaleAnswers.Entries(content, options.Today, options.StaleAfterDays))
            findings.Add(new(severity, org.File, $"entry '{org.Id}'", $"{verb}: shown to callers but {why}; verify with helpline verify entry {org.Id}"));
    }
}

/// <summary>
/// A verified date is a claim that someone checked: it must be in the history (facts/history/verifications.yaml),
/// which says who, against which source. A date typed by hand, without that, is reported.
/// </summary>
public sealed partial class ContentValidator
{
    private static void CheckVerificationHistory(ContentBundle content, List<Finding> findings)
    {
        var recorded = VerificationLog.Read(content.Root).Select(r => (r.Kind, r.Id, r.Verified)).ToHashSet();
        foreach (var fact in content.Facts.Where(f => f.Verified is not null && !recorded.Contains((VerificationRecord.FactKind, f.Id, f.Verified))))
            findings.Add(new(Severity.Warning, fact.File, $"fact '{fact.Id}'", $"verified {fact.Verified}, but {VerificationLog.RelativePath} has no record of who checked it against which source: use helpline verify fact {fact.Id}"));
        foreach (var org in content.Directory.All.Where(o => o.Verified is not null && !recorded.Contains((VerificationRecord.EntryKind, o.Id, o.Verified))))
            findings.Add(new(Severity.Warning, org.File, $"entry '{org.Id}'", $"verified {org.Verified}, but {VerificationLog.RelativePath} has no record of who checked it against which source: use helpline verify entry {org.Id}"));
    }
}

/// <summary>A reachable answer that states facts past their verification limit.</summary>
public sealed record StaleAnswer(string File, string Node, IReadOnlyList<(string Id, string Why)> Facts);

/// <summary>Answers and shown entries whose verification is missing or older than the limit (Core API for hosts and tools).</summary>
public static class StaleAnswers
{
    public static IReadOnlyList<StaleAnswer> Find(ContentBundle content, DateOnly today, int staleAfterDays)
    {
        var facts = content.Facts.GroupBy(f => f.Id).ToDictionary(g => g.Key, g => g.First());
        var reachable = content.Compiled.Reachable();
        var stale = new List<StaleAnswer>();
        foreach (var flow in content.Flows)
        {
            foreach (var node in flow.Nodes.Where(n => n.Kind == NodeKinds.Answer && reachable.Contains(CompiledFlows.Qualify(flow.Flow, n.Id))))
            {
                var old = node.Facts.Where(facts.ContainsKey)
                    .Select(id => (Id: id, Age: Reporting.VerifiedAge.Of(facts[id].Verified, today, staleAfterDays)))
                    .Where(f => f.Age.NeedsChecking)
                    .Select(f => (f.Id, f.Age.Why)).ToList();
                if (old.Count > 0) stale.Add(new(flow.File, node.Id, old));
            }
        }
        return stale;
    }

    public static IEnumerable<(Directory.Organization Organization, string Why)> Entries(ContentBundle content, DateOnly today, int staleAfterDays) =>
        content.Directory.All.Where(o => o.IsShown)
            .Select(o => (Organization: o, Age: Reporting.VerifiedAge.Of(o.Verified, today, staleAfterDays)))
            .Where(x => x.Age.NeedsChecking)
            .Select(x => (x.Organization, x.Age.Why));
}
