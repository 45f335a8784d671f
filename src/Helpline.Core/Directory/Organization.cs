namespace Helpline.Core.Directory;

/// <summary>One entry of directory/organizations.yaml: who helps with what, where, and how sure we are.</summary>
public sealed class Organization
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Text key of the description in the locale files.</summary>
    public string Description { get; set; } = "";
    public List<string> Needs { get; set; } = [];
    /// <summary>State codes, or "national".</summary>
    public List<string> Regions { get; set; } = [];
    /// <summary>The number as people write it, e.g. "1-800-898-7180".</summary>
    public string? Phone { get; set; }
    /// <summary>Detention speed-dial code, only where a source gives one.</summary>
    public string? SpeedDial { get; set; }
    public string? Website { get; set; }
    /// <summary>Text key for the website read aloud ("locator dot ice dot gov").</summary>
    public string? WebsiteSpoken { get; set; }
    public List<string> Languages { get; set; } = [];
    /// <summary>Text key of the opening hours.</summary>
    public string? Hours { get; set; }
    public string Source { get; set; } = "";
    public string? SourceDate { get; set; }
    /// <summary>When someone last confirmed it against the source (yyyy-MM-dd), or null if never.</summary>
    public string? Verified { get; set; }
    /// <summary>verified, website-only, verify-before-use, not-shown, do-not-list (the fact base's rules, in directory/organizations.yaml's header).</summary>
    public string Status { get; set; } = "";
    public string? Notes { get; set; }
    public string File { get; set; } = "";

    public bool IsShown => Status is OrganizationStatus.Verified or OrganizationStatus.WebsiteOnly;

    /// <summary>Only verified entries may be called or dialed; website-only entries show their website alone.</summary>
    public string? ShownPhone => Status == OrganizationStatus.Verified ? Phone : null;
    public string? ShownSpeedDial => Status == OrganizationStatus.Verified ? SpeedDial : null;

    /// <summary>E.164 form of <see cref="ShownPhone"/> for &lt;Dial&gt;: a US number from the directory, never from input.</summary>
    public string? DialNumber
    {
        get
        {
            if (ShownPhone is null) return null;
            var digits = new string(ShownPhone.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length == 11 && digits[0] == '1') digits = digits[1..];
            return digits.Length == 10 ? "+1" + digits : null;
        }
    }
}

public static class OrganizationStatus
{
    public const string Verified = "verified";
    public const string WebsiteOnly = "website-only";
    public const string VerifyBeforeUse = "verify-before-use";
    public const string NotShown = "not-shown";
    public const string DoNotList = "do-not-list";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Verified, WebsiteOnly, VerifyBeforeUse, NotShown, DoNotList };
}
