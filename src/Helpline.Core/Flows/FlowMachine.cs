using Stateless;

namespace Helpline.Core.Flows;

/// <summary>
/// What the guards of one turn may ask, and what the machine's internal transitions do to the
/// conversation; set by the engine before it fires a trigger (a picture needs none of it).
/// </summary>
public sealed class TurnFacts
{
    public bool HasLanguage { get; set; }
    public bool HasMorePages { get; set; }
    public bool CanCall { get; set; }
    public bool OnCall { get; set; }

    /// <summary>"More" with pages left: the next page of the same node.</summary>
    public Action NextPage { get; set; } = () => { };

    /// <summary>"Text me this" on a call: ask the caller to confirm before anything is sent.</summary>
    public Action OfferText { get; set; } = () => { };
}

/// <summary>
/// Compiles one flow into a Stateless machine around the stored position (external state), built
/// anew for every turn because Stateless is not thread-safe. States in other flows appear as
/// "flow/node" leaves; the engine carries on in that flow.
/// </summary>
public static class FlowMachine
{
    /// <summary>How a guard reads when only a call may take the transition (a menu's voice_options, "text me").</summary>
    public const string OnACall = "on a call";

    /// <summary>How a guard reads when only a text may take the transition (an option a call's menu leaves out).</summary>
    public const string ByText = "by text";

    /// <param name="globalCommands">False leaves out repeat, menu and language (the same on every node) for a readable picture.</param>
    /// <param name="onlyNode">Configure just this node: a turn fires from the current node only, and Stateless
    /// needs no configuration for a destination, so a turn skips building the rest of the flow.</param>
    public static StateMachine<string, string> Build(CompiledFlows flows, FlowDefinition flow, Func<string> read, Action<string> write, TurnFacts facts, bool globalCommands = true, string? onlyNode = null)
    {
        var machine = new StateMachine<string, string>(read, write, FiringMode.Queued);
        var mainMenu = Local(flow, flows.MainMenu);
        var languageMenu = Local(flow, flows.LanguageMenu);

        foreach (var node in flow.Nodes)
        {
            if (onlyNode is not null && node.Id != onlyNode) continue;
            var state = machine.Configure(node.Id);
            var here = CompiledFlows.Qualify(flow.Flow, node.Id);

            if (globalCommands)
            {
                state.PermitReentry(Triggers.Repeat);

                if (node.Id == languageMenu) state.PermitReentry(Triggers.Language);
                else state.Permit(Triggers.Language, languageMenu);

                if (node.Id == mainMenu) state.PermitReentry(Triggers.Menu);
                else if (node.Kind == NodeKinds.LanguageMenu) state.PermitIf(Triggers.Menu, mainMenu, () => facts.HasLanguage, "a language is chosen");
                else state.Permit(Triggers.Menu, mainMenu);
            }

            if (flows.Parent(here) is { } parent) state.Permit(Triggers.Back, Local(flow, parent));

            switch (node.Kind)
            {
                case NodeKinds.LanguageMenu when node.Next is not null:
                    state.Permit(Triggers.Next, Local(flow, flows.Resolve(flow.Flow, node.Next)));
                    break;
                case NodeKinds.Menu or NodeKinds.RegionMenu:
                    // A menu with voice_options offers a call other choices than a text: those edges are guarded by
                    // the channel, so the one machine serves both and its picture shows both.
                    var byText = flows.Edges(flow, node).Distinct().ToList();
                    var byCall = flows.Edges(flow, node, voice: true).Distinct().ToList();
                    foreach (var edge in byText.Union(byCall))
                    {
                        var (trigger, target) = edge;
                        Func<bool>? guard = byText.Contains(edge) == byCall.Contains(edge) ? null
                            : byCall.Contains(edge) ? () => facts.OnCall : () => !facts.OnCall;
                        var why = byCall.Contains(edge) ? OnACall : ByText;
                        if (target == here)
                        {
                            if (guard is null) state.PermitReentry(trigger);
                            else state.PermitReentryIf(trigger, guard, why);
                        }
                        else if (guard is null) state.Permit(trigger, Local(flow, target));
                        else state.PermitIf(trigger, Local(flow, target), guard, why);
                    }
                    break;
                case NodeKinds.Answer or NodeKinds.Directory:
                    var after = node.Next is not null ? flows.Resolve(flow.Flow, node.Next) : flows.Parent(here) ?? flows.MainMenu;
                    state.InternalTransitionIf(Triggers.More, _ => facts.HasMorePages, _ => facts.NextPage(), "more pages");
                    if (after == here) state.IgnoreIf(Triggers.More, () => !facts.HasMorePages, "after the last page");
                    else state.PermitIf(Triggers.More, Local(flow, after), () => !facts.HasMorePages, "after the last page");
                    if (node.Kind == NodeKinds.Directory)
                        state.InternalTransitionIf(Triggers.Call, _ => facts.CanCall, _ => { }, "the organization has a phone");
                    state.InternalTransitionIf(Triggers.TextMe, _ => facts.OnCall, _ => facts.OfferText(), OnACall);
                    break;
                case NodeKinds.Transfer:
                    state.InternalTransitionIf(Triggers.Call, _ => facts.CanCall, _ => { }, "the organization has a phone");
                    state.InternalTransitionIf(Triggers.TextMe, _ => facts.OnCall, _ => facts.OfferText(), OnACall);
                    break;
            }
        }
        return machine;
    }

    /// <summary>A target in this flow by its node id, in another flow as "flow/node".</summary>
    private static string Local(FlowDefinition flow, string qualified)
    {
        var (targetFlow, node) = CompiledFlows.Split(qualified);
        return targetFlow == flow.Flow ? node : qualified;
    }
}
