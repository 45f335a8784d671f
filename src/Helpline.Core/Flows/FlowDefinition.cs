namespace Helpline.Core.Flows;

/// <summary>One flows/*.yaml file: a named set of nodes that content editors write.</summary>
public sealed class FlowDefinition
{
    public string Flow { get; set; } = "";
    public string Start { get; set; } = "";
    public List<NodeDefinition> Nodes { get; set; } = [];
    public string File { get; set; } = "";

    public NodeDefinition? Node(string id) => Nodes.FirstOrDefault(n => n.Id == id);
}

public sealed class NodeDefinition
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";

    /// <summary>Text key said when the node is entered (menus, region menus, lists, transfers, ends).</summary>
    public string? Prompt { get; set; }

    /// <summary>Language menu: text key said once after a language is chosen (the welcome and "not legal advice").</summary>
    public string? Intro { get; set; }

    /// <summary>Language menu: cultures in menu order (digits 1..9 then 0).</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Answer: text keys, in order; each is one spoken part and one or more SMS pages.</summary>
    public List<string> Texts { get; set; } = [];

    /// <summary>Answer: ids of the facts (facts/facts.yaml) the texts state.</summary>
    public List<string> Facts { get; set; } = [];

    /// <summary>
    /// Answer that gives legal information: every SMS page (a text's later pages too, and a call's "text me this")
    /// opens with "General information, not legal advice." (<c>answer.general</c>), and a call says it before the
    /// first part. The texts themselves do not repeat it.
    /// </summary>
    public bool GeneralInformation { get; set; }

    /// <summary>Menu and region menu: what the caller can choose.</summary>
    public List<OptionDefinition> Options { get; set; } = [];

    /// <summary>
    /// Menu: what a call offers instead of <see cref="Options"/> (at most 5: a caller cannot hold more in mind
    /// while a prompt plays). Empty: a call offers the same options as a text.
    /// </summary>
    public List<OptionDefinition> VoiceOptions { get; set; } = [];

    /// <summary>The options a channel offers: on a call the voice options where the menu has them.</summary>
    public List<OptionDefinition> OptionsOn(bool voice) => voice && VoiceOptions.Count > 0 ? VoiceOptions : Options;

    /// <summary>Every option of either channel (for checks and for the keys a flow uses).</summary>
    public IEnumerable<OptionDefinition> AllOptions => Options.Concat(VoiceOptions);

    /// <summary>Where to go next: after a language is chosen, after a region is chosen, after an answer's last page.</summary>
    public string? Next { get; set; }

    /// <summary>Directory: the need to look up (detention, representation, ...).</summary>
    public string? Need { get; set; }

    /// <summary>Transfer: the directory id of the organization to connect to.</summary>
    public string? Organization { get; set; }
}

public sealed class OptionDefinition
{
    public string Digit { get; set; } = "";
    /// <summary>Text key of the option's label.</summary>
    public string Label { get; set; } = "";
    /// <summary>Target node: "node" in this flow or "flow/node" in another.</summary>
    public string Goto { get; set; } = "";
    /// <summary>Name of a keyword list in each locale's keywords (e.g. "border").</summary>
    public string? Keywords { get; set; }
    /// <summary>Region menu: the region this option chooses (a state code, or "other").</summary>
    public string? Region { get; set; }
}

public static class NodeKinds
{
    public const string LanguageMenu = "language_menu";
    public const string Menu = "menu";
    public const string Answer = "answer";
    public const string RegionMenu = "region_menu";
    public const string Directory = "directory";
    public const string Transfer = "transfer";
    public const string End = "end";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { LanguageMenu, Menu, Answer, RegionMenu, Directory, Transfer, End };
}
