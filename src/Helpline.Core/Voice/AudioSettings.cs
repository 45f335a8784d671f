namespace Helpline.Core.Voice;

/// <summary>What a call does with a recording whose text has changed since it was recorded.</summary>
public enum StaleRecordings
{
    /// <summary>Callers hear the stand-in or Twilio's voice, which say the current text, until it is re-recorded.</summary>
    FallBack,
    /// <summary>Callers still hear the old recording (a team that prefers a human voice saying last month's words).</summary>
    Play,
}

/// <summary>
/// Where recordings and stand-ins live, and how stale recordings are treated. The folder defaults to
/// locales/audio under the content root; an operator may point it elsewhere (a volume, a folder outside
/// the repository). Bound from "Helpline:Audio" in the server and from Helpline__Audio__* in the CLI.
/// </summary>
public sealed class AudioSettings
{
    public const string FolderVariable = "Helpline__Audio__Folder";
    public const string StaleVariable = "Helpline__Audio__StaleRecordings";

    /// <summary>Absolute, or relative to the content root; null for locales/audio.</summary>
    public string? Folder { get; set; }

    public StaleRecordings StaleRecordings { get; set; } = StaleRecordings.FallBack;

    public string FolderUnder(string root) =>
        string.IsNullOrWhiteSpace(Folder) ? Path.Combine(root, "locales", "audio") : Path.GetFullPath(Path.Combine(root, Folder));

    /// <summary>The settings the environment gives (the same variables the server reads), for the CLI.</summary>
    public static AudioSettings FromEnvironment() => new()
    {
        Folder = Environment.GetEnvironmentVariable(FolderVariable),
        StaleRecordings = Enum.TryParse<StaleRecordings>(Environment.GetEnvironmentVariable(StaleVariable), ignoreCase: true, out var stale) ? stale : StaleRecordings.FallBack,
    };
}
