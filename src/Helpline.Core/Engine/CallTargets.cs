using System.Globalization;
using Helpline.Core.Directory;
using Helpline.Core.Flows;

namespace Helpline.Core.Engine;

/// <summary>An organization a call can be transferred to, the key that chooses it, and its place in the list.</summary>
internal readonly record struct CallTarget(string Digit, Organization Organization, int Index);

/// <summary>
/// Where a call can be transferred: only organizations of the directory with a number, so only
/// directory numbers are ever dialed, whatever is typed on the keypad.
/// </summary>
internal static class CallTargets
{
    /// <summary>Most organizations one list offers to call (keys 1..8; 9 is "text me this", 0 the menu).</summary>
    public const int Most = 8;

    /// <summary>The node's callable organizations, numbered from 1.</summary>
    public static List<CallTarget> Of(LegalDirectory directory, NodeDefinition node, string? region)
    {
        IEnumerable<Organization> organizations = node.Kind switch
        {
            NodeKinds.Directory when node.Need is not null => directory.Lookup(node.Need, region),
            NodeKinds.Transfer when node.Organization is not null && directory.Get(node.Organization) is { IsShown: true } o => [o],
            _ => [],
        };
        return [.. organizations.Where(o => o.DialNumber is not null).Take(Most)
            .Select((o, i) => new CallTarget((i + 1).ToString(CultureInfo.InvariantCulture), o, i))];
    }

    /// <summary>The organization a key chooses on this node, if any.</summary>
    public static CallTarget? Chosen(LegalDirectory directory, NodeDefinition node, string? region, string keys)
    {
        foreach (var target in Of(directory, node, region))
        {
            if (target.Digit == keys) return target;
        }
        return null;
    }

    /// <summary>After a failed transfer: the next callable organization of the list, if any.</summary>
    public static CallTarget? After(LegalDirectory directory, NodeDefinition node, string? region, int failedIndex)
    {
        if (node.Kind != NodeKinds.Directory) return null;
        foreach (var target in Of(directory, node, region))
        {
            if (target.Index > failedIndex) return target;
        }
        return null;
    }
}
