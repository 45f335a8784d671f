using Helpline.Core.Content;
using Helpline.Core.Review;
using Helpline.Web.Content;
using Helpline.Web.Hosting;
using Helpline.Web.Simulator;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Helpline.Web.Review;

/// <summary>
/// /simulator/review: volunteers review one language in the browser, in the admin area behind the admin token
/// (<see cref="SimulatorAccess"/>, whose cookie covers /simulator). Every text a caller can get, in conversation
/// order (the missing ones, which callers get in English, first), beside its English and its legal-term note;
/// approve as is, or edit and approve, or type a missing one and save it. A save runs the same
/// checks as an XLIFF import (<see cref="ReviewDesk"/>), writes locales/ (only the changed line, plus the review
/// record: who, when, which English), and reloads the content at once, so the next caller gets it.
/// </summary>
public static class ReviewEndpoints
{
    public const string BasePath = SimulatorEndpoints.BasePath + "/review";
    public const int MaxTextLength = 1600;
    public const int MaxNameLength = 80;

    private static readonly Dictionary<string, string> AssetTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["review.css"] = "text/css; charset=utf-8",
        ["review.js"] = "text/javascript; charset=utf-8",
    };

    public static WebApplication MapTranslationReview(this WebApplication app)
    {
        // Like the simulator's page: found wherever the app is started from.
        var page = new Simulator.PageAssets(Simulator.PageAssets.Files(app.Environment), "review", AssetTypes);
        // One save at a time: two reviewers approving at once must not write the same file over each other.
        var saving = new SemaphoreSlim(1, 1);

        var review = app.MapGroup(BasePath)
            .AddEndpointFilter(new SimulatorAccess(app.Configuration, app.Environment))
            .ExcludeFromDescription();
        review.MapGet("", (HttpContext http) => page.Serve("index.html", http));
        review.MapGet("/{file}", (string file, HttpContext http) => page.Serve(file, http));

        var api = review.MapGroup("/api");
        api.MapGet("/languages", (IOptions<HelplineOptions> options) =>
        {
            var content = ContentLoader.Load(options.Value.ContentRoot!);
            return Results.Json(Translated(content).Select(l => Language(content, l.Culture)));
        });
        api.MapGet("/languages/{culture}", (string culture, IOptions<HelplineOptions> options) =>
        {
            var content = ContentLoader.Load(options.Value.ContentRoot!);
            if (!IsTranslated(content, culture)) return Results.NotFound(new { error = $"no translation '{culture}' to review" });
            var locale = content.Locales.Get(culture).Culture;
            return Results.Json(new ReviewSheet(Language(content, locale), options.Value.SmsSegmentBudget, [.. ReviewQueue.For(content, locale).Select(ReviewText.Of)]));
        });
        api.MapPost("/languages/{culture}/texts/{key}", async (string culture, string key, ReviewRequest request, IOptions<HelplineOptions> options,
            ContentReloader reloader, TimeProvider time, ILoggerFactory logs, Helpline.Core.Voice.ISpeechSynthesizer speech, CancellationToken ct) =>
        {
            var reviewer = request.Reviewer?.Trim() ?? "";
            if (reviewer.Length == 0 || reviewer.Length > MaxNameLength || reviewer.Any(char.IsControl))
                return Refused($"type your name (at most {MaxNameLength} characters): each approval records who made it");
            if (request.Text is { Length: > MaxTextLength }) return Refused($"a text has at most {MaxTextLength} characters");

            await saving.WaitAsync(ct);
            try
            {
                var root = options.Value.ContentRoot!;
                var content = ContentLoader.Load(root);
                if (!IsTranslated(content, culture)) return Results.NotFound(new { error = $"no translation '{culture}' to review" });
                var locale = content.Locales.Get(culture);
                if (!content.Locales.English.Texts.ContainsKey(key)) return Results.NotFound(new { error = $"'{key}' is not a text the helpline says" });
                // A missing text has nothing to approve as it is: the reviewer adds it.
                if ((request.Text ?? locale.Texts.GetValueOrDefault(key)) is not { } text)
                    return Refused($"{key}: there is no {locale.EnglishName} text yet: type the translation");

                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                var change = new ReviewChange(key, text, Approve: true, request.EnglishVersion);
                var result = ReviewDesk.Apply(content, locale.Culture, [change], reviewer, today, options.Value.SmsSegmentBudget);
                if (result.Refused.Count > 0) return Refused([.. result.Refused.Select(r => r.Reason)]);

                // Serve it now rather than when the file watcher notices; the reloader validates it like any edit.
                reloader.Reload(root);
                logs.CreateLogger(typeof(ReviewEndpoints)).LogInformation("Translation review saved: {Culture} {Key} rewritten {Rewritten}",
                    locale.Culture, key, result.Rewritten.Count > 0);
                var saved = ContentLoader.Load(root);
                var audio = RefreshStandIns(saved, locale.Culture, speech, logs);
                var item = ReviewQueue.For(saved, locale.Culture).FirstOrDefault(i => i.Key == key);
                return Results.Json(new ReviewAnswer(item is null ? null : ReviewText.Of(item), ReviewProgress.Of(ReviewQueue.Progress(saved, locale.Culture)), [], audio));
            }
            catch (Helpline.Core.ContentException e)
            {
                return Results.Json(new ReviewAnswer(null, null, [$"not saved: {e.Message}"]), statusCode: StatusCodes.Status409Conflict);
            }
            finally
            {
                saving.Release();
            }
        });
        return app;
    }

    /// <summary>
    /// A language Twilio cannot speak is played from files: a caller would hear the old words until the stand-in is
    /// spoken again. Render what changed (only the edited text's, as `helpline audio render` would), or say why not.
    /// </summary>
    private static string? RefreshStandIns(ContentBundle saved, string culture, Helpline.Core.Voice.ISpeechSynthesizer speech, ILoggerFactory logs)
    {
        if (Helpline.Core.Voice.StandInRenderer.AfterEdit(saved, culture, speech) is not var (missing, report)) return null;
        if (report is null)
            return $"Callers hear the earlier recording or stand-in of this text until someone runs `helpline audio render` ({string.Join(", ", missing)} not installed here).";
        if (report.Error is not null)
        {
            logs.CreateLogger(typeof(ReviewEndpoints)).LogWarning("Stand-ins not rendered after a review: {Culture}: {Error}", culture, report.Error);
            return "The stand-in could not be spoken again: run `helpline audio render`.";
        }
        return report.Rendered.Count > 0 ? "Callers now hear the new text (its stand-in was spoken again)." : null;
    }

    private static IResult Refused(params string[] problems) =>
        Results.Json(new ReviewAnswer(null, null, problems), statusCode: StatusCodes.Status422UnprocessableEntity);

    private static IEnumerable<Helpline.Core.Localization.Locale> Translated(ContentBundle content)
    {
        var menu = content.Compiled.Node(content.Compiled.LanguageMenu)?.Languages ?? [];
        return content.Locales.Locales.Where(l => !ReferenceEquals(l, content.Locales.English))
            .OrderBy(l => menu.IndexOf(l.Culture) is var i and >= 0 ? i : int.MaxValue);
    }

    private static bool IsTranslated(ContentBundle content, string culture) =>
        content.Locales.Locales.Any(l => string.Equals(l.Culture, culture, StringComparison.OrdinalIgnoreCase) && !ReferenceEquals(l, content.Locales.English));

    private static ReviewLanguage Language(ContentBundle content, string culture)
    {
        var locale = content.Locales.Get(culture);
        return new(locale.Culture, locale.Name, locale.EnglishName, locale.IsRightToLeft ? "rtl" : "ltr", ReviewProgress.Of(ReviewQueue.Progress(content, locale.Culture)));
    }
}
