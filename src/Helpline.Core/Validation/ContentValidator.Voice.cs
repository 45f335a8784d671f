using Helpline.Core.Content;
using Helpline.Core.Localization;
using Helpline.Core.Voice;

namespace Helpline.Core.Validation;

/// <summary>
/// What a caller hears in each language: a recording, Twilio's voice, an espeak-ng stand-in, or nothing.
/// Nothing is an error, because in a language Twilio cannot speak the caller would hear silence.
/// </summary>
public sealed partial class ContentValidator
{
    private static void CheckVoice(ContentBundle content, List<Finding> findings)
    {
        var prompts = VoicePrompts.For(content);
        var audio = new PromptAudio(content);
        foreach (var row in VoiceCoverage.Measure(content))
        {
            var locale = content.Locales.Get(row.Culture);
            findings.Add(new(Severity.Info, locale.File, "call prompts",
                $"voice: {row.Recorded} recorded, {row.Tts} Twilio voice, {row.StandIn} stand-ins, {row.Missing} missing"));
            if (row.Stale > 0 || row.AudioSeconds > 0)
                findings.Add(new(Severity.Info, locale.File, "call audio", $"{row.Stale} stale recordings; {row.AudioSeconds:0} s of audio in the files a call can play"));

            foreach (var key in row.MissingKeys)
            {
                var why = StandInManifest.SpokenText(content.Locales, locale, key) is null
                    ? "it has no text of its own here (English would be read), so translate it, then run helpline audio render"
                    : "record it or run helpline audio render";
                findings.Add(new(Severity.Error, locale.File, key, $"no recording, no Twilio voice and no stand-in: a caller hears nothing; {why}"));
            }

            if (locale.Voice.SayLanguage is null) CheckStandInsAreCurrent(content, locale, VoicePrompts.For(content, locale), audio, findings);
        }
        CheckAudioFileNames(content, findings);
        CheckRecordings(content, prompts, audio, findings);
    }

    private static void CheckStandInsAreCurrent(ContentBundle content, Locale locale, IReadOnlyList<string> prompts, PromptAudio audio, List<Finding> findings)
    {
        var manifest = StandInManifest.Read(Path.Combine(content.AudioFolder, locale.Culture));
        foreach (var key in prompts.Where(k => audio.Resolve(locale, k).Source == AudioSource.StandIn))
        {
            var current = StandInManifest.CurrentHash(content.Locales, locale, key);
            if (current is null || manifest.HashOf(key) != current)
                findings.Add(new(Severity.Warning, locale.File, key, "stand-in is out of date: run helpline audio render"));
        }
    }

    /// <summary>
    /// A file a call never plays is a mistake waiting to be noticed: a recording under the wrong name,
    /// a format the app does not serve, a folder for a culture that has no locale file.
    /// </summary>
    private static void CheckAudioFileNames(ContentBundle content, List<Finding> findings)
    {
        if (!System.IO.Directory.Exists(content.AudioFolder)) return;
        string Relative(string path) => Path.GetRelativePath(content.Root, path).Replace('\\', '/');

        foreach (var file in System.IO.Directory.EnumerateFiles(content.AudioFolder))
            findings.Add(new(Severity.Warning, Relative(file), "audio", "never played: audio belongs in a folder named for its culture"));

        foreach (var folder in System.IO.Directory.EnumerateDirectories(content.AudioFolder).Order(StringComparer.Ordinal))
        {
            var culture = Path.GetFileName(folder);
            var locale = content.Locales.Locales.FirstOrDefault(l => l.Culture == culture);
            if (locale is null)
            {
                findings.Add(new(Severity.Warning, Relative(folder), "audio", $"never played: no locale file has culture '{culture}'"));
                continue;
            }
            // The locale's own keys: Dari says no words between topic and key, so a "voice.option.middle" there never plays.
            var keys = VoicePrompts.For(content, locale).ToHashSet(StringComparer.Ordinal);
            foreach (var file in System.IO.Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (name is StandInManifest.FileName or RecordingManifest.FileName) continue;
                var problem = AudioFileProblem(name, keys, locale);
                if (problem is not null) findings.Add(new(Severity.Warning, Relative(file), "audio", problem));
            }
        }
    }

    private static string? AudioFileProblem(string name, HashSet<string> keys, Locale locale)
    {
        const string Naming = "audio files are named <key>.mp3, <key>.wav or <key>.standin.wav, for a key a call says";
        if (!PromptAudio.IsSafeFileName(name)) return $"never played: {Naming}";
        if (name.EndsWith(PromptAudio.StandInSuffix, StringComparison.Ordinal))
        {
            if (!keys.Contains(name[..^PromptAudio.StandInSuffix.Length])) return "never played: no call says this key (run helpline audio render to remove it)";
            return locale.Voice.SayLanguage is null ? null : "never played: this locale has a Twilio voice, which comes before a stand-in";
        }
        var extension = Path.GetExtension(name);
        if (extension is not (".mp3" or ".wav")) return $"never played: {Naming}";
        return keys.Contains(name[..^extension.Length]) ? null : $"never played: no call says '{name[..^extension.Length]}'; {Naming}";
    }
}
