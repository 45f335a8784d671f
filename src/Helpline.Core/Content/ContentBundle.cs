using Helpline.Core.Directory;
using Helpline.Core.Flows;
using Helpline.Core.Localization;

namespace Helpline.Core.Content;

/// <summary>Everything editors write, loaded and compiled once; immutable, so one bundle serves every request.</summary>
public sealed class ContentBundle
{
    public ContentBundle(string root, IReadOnlyList<FlowDefinition> flows, LocaleCatalog locales, LegalDirectory directory, IReadOnlyList<Fact> facts)
    {
        Root = root;
        Flows = flows;
        Locales = locales;
        Directory = directory;
        Facts = facts;
        Compiled = new CompiledFlows(flows);
    }

    public string Root { get; }
    public IReadOnlyList<FlowDefinition> Flows { get; }
    public LocaleCatalog Locales { get; }
    public LegalDirectory Directory { get; }
    public IReadOnlyList<Fact> Facts { get; }
    public CompiledFlows Compiled { get; }

    /// <summary>Per-text review records of the translations (locales/review/), against which English each was made.</summary>
    public TranslationReviews Translations { get; init; } = TranslationReviews.Empty;

    /// <summary>How recordings are found and treated; set by the loader from configuration.</summary>
    public Voice.AudioSettings Audio { get; init; } = new();

    public string AudioFolder => Audio.FolderUnder(Root);
}
