using System.Text.RegularExpressions;
using Helpline.Core.Flows;

namespace Helpline.Core.Tests;

/// <summary>What the README and the repository's files promise a new reader, held true.</summary>
public sealed partial class ReadmeTests
{
    private static string Readme => File.ReadAllText(Path.Combine(TestContent.RepoRoot, "README.md"));

    [Fact]
    public void Readme_MainFlowDiagram_IsWhatGraphMainNoGlobalsPrints()
    {
        var block = MermaidBlock().Match(Readme);
        Assert.True(block.Success, "README.md has no ```mermaid block");
        var flows = TestContent.Repo.Compiled;
        var printed = FlowDiagram.Draw(flows, flows.Flow(CompiledFlows.MainFlow)!, DiagramFormat.Mermaid, globalCommands: false);

        Assert.Equal(Lines(printed), Lines(block.Groups[1].Value));
    }

    [Fact]
    public void Repository_NothingPointsOutsideIt()
    {
        var root = TestContent.RepoRoot;
        var outside = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is ".git" or "bin" or "obj" or "data" or "node_modules")) continue;
            if (Path.GetExtension(file) is not (".md" or ".cs" or ".yaml" or ".yml" or ".json" or ".sh" or ".csproj" or ".props" or ".http" or "")) continue;
            var text = File.ReadAllText(file);
            foreach (Match m in OutsidePath().Matches(text)) outside.Add($"{relative}: {m.Value}");
        }

        Assert.Empty(outside);
    }

    private static string[] Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();

    [GeneratedRegex(@"```mermaid\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();

    // The steering folder beside the repository: its fact base, Twilio contract and notes are copied in, never linked.
    [GeneratedRegex(@"(\.\./)+shared/|shared/(content|twilio|containers)/|\b(FACTS|CONTRACT|PODMAN)\.md\b")]
    private static partial Regex OutsidePath();
}
