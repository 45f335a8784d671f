using Helpline.Core.Flows;
using Helpline.Web.Content;
using Helpline.Web.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Helpline.Web.Simulator;

/// <summary>
/// /simulator: content editors talk to the helpline as a texter or a caller before they publish,
/// and see where the conversation is in the flow's picture. Development only, or with the admin token
/// (<see cref="SimulatorAccess"/>). It has its own conversations and never touches the caller store.
/// </summary>
public static class SimulatorEndpoints
{
    public const string BasePath = "/simulator";
    public const string ApiPath = BasePath + "/api";

    /// <summary>The page's files under wwwroot/simulator/, by name; anything else there is not served.</summary>
    private static readonly Dictionary<string, string> AssetTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["simulator.css"] = "text/css; charset=utf-8",
        ["simulator.js"] = "text/javascript; charset=utf-8",
    };

    public static WebApplication MapSimulator(this WebApplication app)
    {
        var sessions = new SimulatorSessions(app.Services.GetRequiredService<TimeProvider>());
        var files = PageAssets.Files(app.Environment);
        var page = new PageAssets(files, "simulator", AssetTypes);

        var simulator = app.MapGroup(BasePath)
            .AddEndpointFilter(new SimulatorAccess(app.Configuration, app.Environment))
            .ExcludeFromDescription();

        simulator.MapGet("", (HttpContext http) => page.Serve("index.html", http));
        simulator.MapGet("/report", (ContentSource content, TimeProvider time) => ContentReportPage.Render(content, time));
        RecordingEndpoints.MapRecording(simulator, files);
        simulator.MapGet("/{file}", (string file, HttpContext http) => page.Serve(file, http));

        var api = simulator.MapGroup("/api");
        api.MapGet("/languages", (ContentSource content) =>
        {
            var current = content.Current;
            var menu = current.Compiled.Node(current.Compiled.LanguageMenu)?.Languages ?? [];
            // In the language menu's order, so the picker reads like the phone menu.
            var locales = current.Locales.Locales.OrderBy(l => menu.IndexOf(l.Culture) is var i and >= 0 ? i : int.MaxValue);
            var marked = content.Engine().UnderReview;
            return Results.Json(locales.Select(l => new SimulatorLanguage(l.Culture, l.Name, l.EnglishName, l.IsRightToLeft ? "rtl" : "ltr", l.Review.Status, SimulatorReview.Summary(current, l, marked))));
        });
        api.MapPost("/turn", (SimulatorTurnRequest request, ContentSource content, Voice.CallRenderers renderers, IOptions<HelplineOptions> options) =>
        {
            var answer = new SimulatorTurns(content, sessions, options.Value.SmsSegmentBudget, renderers).Run(request);
            return answer.Result is { } result ? Results.Json(result) : Results.Json(new { error = answer.Error }, statusCode: answer.Status);
        });
        api.MapGet("/graph/{flow}", (string flow, string? node, ContentSource content) =>
        {
            var compiled = content.Current.Compiled;
            if (compiled.Flow(flow) is not { } definition) return Results.NotFound(new { error = $"no flow named '{flow}'" });
            return Results.Json(new SimulatorGraph(
                definition.Flow, definition.File, node, FlowDiagram.Mermaid(compiled, definition, node), FlowDiagram.Svg(compiled, definition, node)));
        });
        return app;
    }

    /// <summary>
    /// The web root if it holds the page (dotnet run, the container), else the copy beside the app's own
    /// files: started from another folder (the repository root, a service manager), the web root is
    /// looked for under that folder and is not there.
    /// </summary>
}
