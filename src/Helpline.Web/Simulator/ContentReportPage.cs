using System.Net;
using Helpline.Core.Reporting;
using Helpline.Web.Content;
using Markdig;

namespace Helpline.Web.Simulator;

/// <summary>
/// The content report (what `helpline report` writes) as a page beside the simulator, for the content
/// currently serving: coverage, review status, SMS cost, voice audio, stale facts, the directory by region.
/// </summary>
public static class ContentReportPage
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static IResult Render(ContentSource content, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var markdown = ContentReport.Write(content.Current, new ReportOptions(), today);
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Helpline content report</title>
              <style>
                body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1b1b1b; }
                table { border-collapse: collapse; margin: 1rem 0; }
                th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; vertical-align: top; }
                th { background: #f1f3f5; }
                code { background: #f1f3f5; padding: 0 .2rem; }
              </style>
            </head>
            <body>
            <p><a href="{{SimulatorEndpoints.BasePath}}">&larr; simulator</a> &middot; content loaded {{WebUtility.HtmlEncode(content.LoadedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture))}}</p>
            {{Markdig.Markdown.ToHtml(markdown, Markdown)}}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
