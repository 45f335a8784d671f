using Helpline.Core.Flows;
using Stateless.Graph;

namespace Helpline.Cli.Commands;

/// <summary>Draws flows with Stateless' own exporters, so the picture is the machine that runs.</summary>
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
            Console.WriteLine(Draw(content.Compiled, flow, format, globalCommands: !args.Has("no-globals")));
        }
        return 0;
    }

    public static string Draw(CompiledFlows flows, FlowDefinition flow, string format, bool globalCommands = true)
    {
        var position = flow.Start;
        var machine = FlowMachine.Build(flows, flow, () => position, s => position = s, new TurnFacts(), globalCommands);
        var info = machine.GetInfo();
        return format == "dot" ? UmlDotGraph.Format(info) : MermaidGraph.Format(info);
    }
}
