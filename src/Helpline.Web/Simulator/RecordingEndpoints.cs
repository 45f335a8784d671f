using Helpline.Core.Voice;
using Helpline.Web.Content;
using Microsoft.Extensions.FileProviders;

namespace Helpline.Web.Simulator;

/// <summary>
/// /simulator/record: a volunteer records a language's prompts in the browser, in call order, listens
/// back and saves. Behind the simulator's access filter (the admin token outside Development). A saved
/// recording goes through the same <see cref="RecordingImporter"/> as <c>helpline audio import</c>.
/// </summary>
public static class RecordingEndpoints
{
    public const string PagePath = "/record";

    /// <summary>A prompt is seconds of speech; a browser's Opus recording of a minute is well under this.</summary>
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    private static readonly Dictionary<string, string> AssetTypes = new(StringComparer.Ordinal)
    {
        ["record.html"] = "text/html; charset=utf-8",
        ["record.js"] = "text/javascript; charset=utf-8",
    };

    /// <summary>What a browser's MediaRecorder sends, by Content-Type, and the extension ffmpeg reads it by.</summary>
    private static readonly Dictionary<string, string> UploadTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["audio/webm"] = ".webm",
        ["audio/ogg"] = ".ogg",
        ["audio/mp4"] = ".m4a",
        ["audio/wav"] = ".wav",
        ["audio/x-wav"] = ".wav",
        ["audio/mpeg"] = ".mp3",
    };

    public static void MapRecording(RouteGroupBuilder simulator, IFileProvider files)
    {
        var page = new PageAssets(files, "simulator", AssetTypes);
        simulator.MapGet(PagePath, (HttpContext http) => page.Serve("record.html", http));
        simulator.MapGet("/record.js", (HttpContext http) => page.Serve("record.js", http));

        var api = simulator.MapGroup("/api/recordings");
        api.MapGet("/{culture}", (string culture, ContentSource content) =>
        {
            var current = content.Current;
            if (current.Locales.Locales.FirstOrDefault(l => l.Culture == culture) is not { } locale)
                return Results.NotFound(new { error = $"no locale '{culture}'" });
            var lines = RecordingScript.Lines(current, locale);
            var coverage = VoiceCoverage.Measure(current).Single(r => r.Culture == locale.Culture);
            var audio = new PromptAudio(current);
            return Results.Json(new
            {
                culture = locale.Culture,
                name = locale.Name,
                englishName = locale.EnglishName,
                direction = locale.IsRightToLeft ? "rtl" : "ltr",
                twilioVoice = locale.Voice.SayLanguage,
                format = RecordingImporter.PhoneFormat,
                coverage = new { coverage.Recorded, coverage.Stale, twilioVoice = coverage.Tts, standIn = coverage.StandIn, coverage.Missing, coverage.AudioSeconds },
                prompts = lines.Select(l => new
                {
                    l.Order,
                    l.Key,
                    l.Text,
                    l.English,
                    l.TextIsEnglish,
                    l.SaidIn,
                    status = l.Status.ToString(),
                    statusText = RecordingScript.StatusText(l.Status),
                    l.Seconds,
                    recordedBy = l.Recording?.RecordedBy,
                    recordedAt = l.Recording?.RecordedAt,
                    recordingUrl = audio.RecordingFile(locale.Culture, l.Key) is { } file ? AudioUrl(locale.Culture, file) : null,
                }),
            });
        });

        api.MapPost("/{culture}/{key}", async (string culture, string key, string? by, bool? force, HttpRequest request, ContentSource content, TimeProvider time, CancellationToken ct) =>
        {
            var current = content.Current;
            if (current.Locales.Locales.FirstOrDefault(l => l.Culture == culture) is not { } locale)
                return Results.NotFound(new { error = $"no locale '{culture}'" });
            if (string.IsNullOrWhiteSpace(by) || by.Length > 100)
                return Results.BadRequest(new { error = "say who is recording (your name, up to 100 characters): it is kept beside the recording" });
            var type = (request.ContentType ?? "").Split(';')[0].Trim();
            if (!UploadTypes.TryGetValue(type, out var extension))
                return Results.BadRequest(new { error = $"not an audio type the import reads: '{type}'" });
            if (request.ContentLength > MaxUploadBytes)
                return Results.BadRequest(new { error = $"larger than {MaxUploadBytes / 1024 / 1024} MB: record one prompt at a time" });

            var work = Directory.CreateTempSubdirectory("helpline-browser-recording-");
            try
            {
                var upload = Path.Combine(work.FullName, "recording" + extension);
                await using (var file = File.Create(upload))
                {
                    if (!await CopyLimitedAsync(request.Body, file, ct))
                        return Results.BadRequest(new { error = $"larger than {MaxUploadBytes / 1024 / 1024} MB: record one prompt at a time" });
                }
                // ffmpeg runs for a second or two: off the request thread's way, as a blocking job.
                var result = await Task.Run(() => new RecordingImporter(current, new AudioPrograms(), time)
                    .Import(locale, key, upload, $"browser{extension}", new ImportOptions(by.Trim(), force ?? false, "browser")), ct);
                return Results.Json(new
                {
                    outcome = result.Outcome.ToString(),
                    result.Reason,
                    result.Key,
                    seconds = result.Measured?.Seconds,
                    recordingUrl = result.IsSaved ? AudioUrl(locale.Culture, Path.Combine(current.AudioFolder, locale.Culture, key + ".wav")) : null,
                }, statusCode: result.Outcome == ImportOutcome.Rejected ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
            }
            finally
            {
                try { work.Delete(recursive: true); } catch (IOException) { }
            }
        }).DisableAntiforgery();
    }

    private static string AudioUrl(string culture, string file) =>
        $"{Voice.VoiceRenderer.AudioPath}/{Uri.EscapeDataString(culture)}/{Uri.EscapeDataString(Path.GetFileName(file))}";

    private static async Task<bool> CopyLimitedAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > MaxUploadBytes) return false;
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return true;
    }
}
