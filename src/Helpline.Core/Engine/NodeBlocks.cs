using Helpline.Core.Content;
using Helpline.Core.Directory;
using Helpline.Core.Flows;

namespace Helpline.Core.Engine;

/// <summary>
/// What a node says as paragraphs (an answer's texts, a list's organizations) and how an organization
/// is given: written for a texter, spoken for a caller. Presenting a node and SMS paging both start here.
/// </summary>
internal static class NodeBlocks
{
    /// <summary>The node's paragraphs in this wording: an answer's texts, or a directory list's entries.</summary>
    public static List<TextOutput> Of(ContentBundle content, NodeDefinition node, Wording words, string? region)
    {
        if (node.Kind == NodeKinds.Answer) return [.. node.Texts.Select(k => words.Output(k))];
        if (node.Kind == NodeKinds.Transfer)
        {
            var org = node.Organization is null ? null : content.Directory.Get(node.Organization);
            return org is null || !org.IsShown ? [] : [new TextOutput(null, Contact(org, words))];
        }
        if (node.Kind != NodeKinds.Directory || node.Need is null) return [];

        var organizations = content.Directory.Lookup(node.Need, region);
        if (organizations.Count == 0) return [new TextOutput(Keys.NoneFound, words.Text(Keys.NoneFound))];
        return words.Spoken
            ? [.. organizations.SelectMany(o => Spoken(o, words))]
            : [.. organizations.Select(o => new TextOutput(null, Contact(o, words)))];
    }

    /// <summary>An organization as a texter needs it: name, what it does, phone, detention code, website, hours.</summary>
    public static string Contact(Organization o, Wording words)
    {
        var lines = new List<string> { $"{o.Name}: {words.Text(o.Description)}" };
        if (o.ShownPhone is { } phone) lines.Add(words.Text(Keys.ContactPhone, phone) + (o.Hours is null ? "" : $" ({words.Text(o.Hours)})"));
        if (o.ShownSpeedDial is { } code) lines.Add(words.Text(Keys.ContactSpeedDial, code));
        if (o.Website is { } web) lines.Add(words.Text(Keys.ContactWebsite, web));
        return string.Join("\n", lines);
    }

    /// <summary>An organization as a caller hears it: the website spelled out, the number left to the transfer or "text me this".</summary>
    /// <remarks>Each part is one locale text, so a recording (or stand-in) can play it in a language Twilio cannot speak.</remarks>
    public static IEnumerable<TextOutput> Spoken(Organization o, Wording words)
    {
        yield return new TextOutput(o.Description, words.Text(o.Description));
        if (o.WebsiteSpoken is not null) yield return new TextOutput(o.WebsiteSpoken, words.Text(o.WebsiteSpoken));
    }
}
