using Helpline.Core.Flows;

namespace Helpline.Cli.Commands;

/// <summary>Prints flows as <see cref="FlowDiagram"/> draws them (Stateless' own exporters), so the picture is the machine that runs.</summary>
public static class GraphCommand
{
    public static int Run(CliArgs args)
    {
        var content = args.LoadContent();
        if (content is null) return 1;
        var format = args.Get("format") ?? "mermaid";
        if (format is not ("mermaid" or "dot"))
        {
            Console.Error.WriteLine("error: --format is mermaid or dot");
            return 2;
        }
        var wanted = args.Positional.FirstOrDefault();
        var flows = content.Flows.Where(f => wanted is null || f.Flow == wanted).ToList();
        if (flows.Count == 0)
        {
            Console.Error.WriteLine($"error: no flow named '{wanted}' (flows: {string.Join(", ", content.Flows.Select(f => f.Flow))})");
            return 1;
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
