namespace Helpline.Core.Content;

/// <summary>One fact from facts/facts.yaml: what the helpline may state, where it comes from and how old it is.</summary>
public sealed class Fact
{
    public string Id { get; set; } = "";
    public string Statement { get; set; } = "";
    public string Source { get; set; } = "";
    /// <summary>Date of the source (yyyy-MM-dd), or null when the source is undated.</summary>
    public string? SourceDate { get; set; }
    /// <summary>When the fact was last confirmed against a dated source (yyyy-MM-dd), or null if never.</summary>
    public string? Verified { get; set; }
    /// <summary>"durable" or "time-sensitive" (said with its date).</summary>
    public string Kind { get; set; } = "durable";
    public string File { get; set; } = "";
}
