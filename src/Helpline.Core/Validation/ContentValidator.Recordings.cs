using Helpline.Core.Content;
using Helpline.Core.Voice;

namespace Helpline.Core.Validation;

/// <summary>
/// People's recordings against the texts they were recorded from (recordings.json): a recording whose
/// translation or English text changed since says something else now, and must be recorded again.
/// </summary>
public sealed partial class ContentValidator
{
    private static void CheckRecordings(ContentBundle content, IReadOnlyList<string> prompts, PromptAudio audio, List<Finding> findings)
    {
        foreach (var locale in content.Locales.Locales)
        {
            var folder = Path.Combine(content.AudioFolder, locale.Culture);
            if (!System.IO.Directory.Exists(folder)) continue;
            var manifest = RecordingManifest.Read(folder);
            var meanwhile = content.Audio.StaleRecordings == StaleRecordings.Play
                ? "callers still hear the old recording (Helpline:Audio:StaleRecordings is Play)"
                : locale.Voice.SayLanguage is null ? "callers hear the stand-in until then" : "callers hear Twilio's voice until then";
            foreach (var key in prompts)
            {
                if (audio.RecordingFile(locale.Culture, key) is not { } file) continue;
                if (manifest.Of(key) is not { } entry)
                {
                    findings.Add(new(Severity.Warning, locale.File, key,
                        $"recording {Path.GetFileName(file)} is not in {RecordingManifest.FileName}: no one can tell which text it says; import it with helpline audio import"));
                    continue;
                }
                var (text, english) = RecordingManifest.CurrentHashes(content.Locales, locale, key);
                if (entry.TextHash == text && entry.EnglishHash == english) continue;
                var what = entry.TextHash != text ? "its text" : "the English it translates";
                findings.Add(new(Severity.Warning, locale.File, key,
                    $"recording is stale: {what} changed since {entry.RecordedBy} recorded it on {entry.RecordedAt:yyyy-MM-dd}; record it again ({meanwhile})"));
            }
        }
    }
}
