using Helpline.Core.Content;
using Helpline.Core.Flows;

namespace Helpline.Core.Localization;

/// <summary>Where a text key is first used: the file and the node or entry, so a message can point an editor to it.</summary>
public sealed record TextKeyUse(string Key, string File, string Where);

/// <summary>
/// The text keys the helpline can say: the engine's own, those the flows name, and those of the
/// directory entries callers see. The validator checks English against them and the content report
/// measures every locale against them, so both count the same keys.
/// </summary>
public static class UsedTextKeys
{
    public const string EngineFile = "src/Helpline.Core/Engine/Keys.cs";

    /// <summary>Each key once, at its first use: engine keys, then flows in file order, then shown directory entries.</summary>
    public static IReadOnlyList<TextKeyUse> Find(ContentBundle content)
    {
        var uses = new List<TextKeyUse>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Use(string? key, string file, string where)
        {
            if (key is not null && seen.Add(key)) uses.Add(new(key, file, where));
        }

        foreach (var key in Engine.Keys.All()) Use(key, EngineFile, "engine");

        foreach (var flow in content.Flows)
        {
            // A node without an id or of an unknown kind is never entered, so it says nothing.
            foreach (var node in flow.Nodes.Where(n => !string.IsNullOrWhiteSpace(n.Id) && NodeKinds.All.Contains(n.Kind)))
            {
                var where = $"node '{node.Id}'";
                var keys = new[] { node.Prompt, node.Intro }.Concat(node.Texts).Concat(node.AllOptions.Select(o => o.Label));
                foreach (var key in keys.Where(k => !string.IsNullOrEmpty(k))) Use(key, flow.File, where);
            }
        }

        // Hidden entries are never shown, so their texts need no translation yet. An empty description
        // is kept, so that the validator reports it as a missing text.
        foreach (var organization in content.Directory.All.Where(o => o.IsShown))
        {
            foreach (var key in new[] { organization.Description, organization.Hours, organization.WebsiteSpoken })
                Use(key, organization.File, $"entry '{organization.Id}'");
        }
        return uses;
    }
}
