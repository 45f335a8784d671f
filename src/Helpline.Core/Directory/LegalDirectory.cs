namespace Helpline.Core.Directory;

/// <summary>The legal-help directory: lookups return only what the fact base's status rules (directory/organizations.yaml's header) allow callers to see.</summary>
public sealed class LegalDirectory(IEnumerable<Organization> organizations)
{
    public const string National = "national";

    public IReadOnlyList<Organization> All { get; } = [.. organizations];

    public Organization? Get(string id) => All.FirstOrDefault(o => o.Id == id);

    /// <summary>Shown organizations for a need: the region's own first, then national services, which are always included.</summary>
    public IReadOnlyList<Organization> Lookup(string need, string? region)
    {
        var shown = All.Where(o => o.IsShown && o.Needs.Contains(need)).ToList();
        var regional = region is null ? [] : shown.Where(o => o.Regions.Contains(region, StringComparer.OrdinalIgnoreCase));
        var national = shown.Where(o => o.Regions.Contains(National));
        return [.. regional.Concat(national).Distinct()];
    }
}
