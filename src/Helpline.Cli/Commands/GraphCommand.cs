using Helpline.Core.Flows;

namespace Helpline.Cli.Commands;

/// <summary>
/// Prints flows as <see cref="FlowDiagram"/> draws them from the machine that runs: Mermaid or DOT (Stateless'
/// own exporters), or the simulator's SVG outline (<c>--format svg --node NODE</c> marks a node).
/// </summary>
public static class GraphCommand
{
    public static int Run(CliArgs args)
    {
        var content = args.LoadContent();
        if (content is null) return 1;
        var format = args.Get("format") ?? "mermaid";
        if (format is not ("mermaid" or "dot" or "svg"))
        {
            Console.Error.WriteLine("error: --format is mermaid, dot or svg");
            return 2;
        }
        var wanted = args.Positional.FirstOrDefault();
        var flows = content.Flows.Where(f => wanted is null || f.Flow == wanted).ToList();
        if (flows.Count == 0)
        {
            Console.Error.WriteLine($"error: no flow named '{wanted}' (flows: {string.Join(", ", content.Flows.Select(f => f.Flow))})");
            return 1;
        }
        if (format == "svg")
        {
            if (flows.Count != 1)
            {
                Console.Error.WriteLine("error: --format svg draws one flow: name it (helpline graph main --format svg)");
                return 2;
            }
            Console.WriteLine(FlowDiagram.Svg(content.Compiled, flows[0], args.Get("node")));
            return 0;
        }
        foreach (var flow in flows)
        {
            Console.WriteLine(format == "dot" ? $"// flow {flow.Flow} ({flow.File})" : $"%% flow {flow.Flow} ({flow.File})");
            var diagramFormat = format == "dot" ? DiagramFormat.Dot : DiagramFormat.Mermaid;
            Console.WriteLine(FlowDiagram.Draw(content.Compiled, flow, diagramFormat, globalCommands: !args.Has("no-globals")));
        }
        return 0;
    }
}
