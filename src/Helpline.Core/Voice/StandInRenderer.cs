using Helpline.Core.Content;
using Helpline.Core.Localization;

namespace Helpline.Core.Voice;

public enum StandInSkip
{
    /// <summary>The locale has no text of its own: the call would say English, which a foreign voice must not read.</summary>
    EnglishFallback,
    /// <summary>The key cannot be a file name under locales/audio.</summary>
    UnsafeFileName,
    /// <summary>Nothing is left once placeholders are taken out.</summary>
    NothingToSay,
}

public sealed record SkippedPrompt(string Key, StandInSkip Reason);

/// <summary>What one culture's render did, key by key.</summary>
public sealed record StandInReport(
    string Culture,
    string? Voice,
    IReadOnlyList<string> Rendered,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> Recorded,
    IReadOnlyList<SkippedPrompt> Skipped,
    IReadOnlyList<string> Removed,
    string? Error)
{
    public IEnumerable<string> SkippedFor(StandInSkip reason) => Skipped.Where(s => s.Reason == reason).Select(s => s.Key);
}

/// <summary>
/// Renders an espeak-ng stand-in for every call prompt of a language Twilio cannot speak, until a person
/// records it (DESIGN.md, "Voice in languages Twilio cannot speak"). Only what changed is rendered again:
/// the manifest remembers what each file says.
/// </summary>
public sealed class StandInRenderer(ContentBundle content, ISpeechSynthesizer synthesizer)
{
    /// <summary>The locales that need stand-ins: those without a Twilio voice.</summary>
    public IReadOnlyList<Locale> LocalesWithoutVoice =>
        [.. content.Locales.Locales.Where(l => l.Voice.SayLanguage is null)];

    /// <summary>
    /// After a reviewer's edit: a language Twilio cannot speak is played from files, so its callers would hear the old
    /// words until the changed stand-ins are spoken again. Null when the language has a Twilio voice (nothing to do);
    /// otherwise the programs missing here (nothing rendered), or the render's report.
    /// </summary>
    public static (IReadOnlyList<string> Missing, StandInReport? Report)? AfterEdit(ContentBundle saved, string culture, ISpeechSynthesizer speech)
    {
        var locale = saved.Locales.Locales.FirstOrDefault(l => string.Equals(l.Culture, culture, StringComparison.OrdinalIgnoreCase));
        if (locale is null || locale.Voice.SayLanguage is not null) return null;
        if (speech.MissingPrograms() is { Count: > 0 } missing) return (missing, null);
        return ([], new StandInRenderer(saved, speech).Render(locale, force: false));
    }

    public IReadOnlyList<StandInReport> RenderAll(bool force) =>
        [.. LocalesWithoutVoice.Select(l => Render(l, force))];

    public StandInReport Render(Locale locale, bool force)
    {
        var folder = Path.Combine(content.AudioFolder, locale.Culture);
        var prompts = VoicePrompts.For(content, locale);
        var audio = new PromptAudio(content);
        var voice = locale.Voice.EspeakVoice;
        List<string> rendered = [], unchanged = [], recorded = [], removed = [];
        List<SkippedPrompt> skipped = [];
        string? error = null;

        if (string.IsNullOrWhiteSpace(voice))
            return new(locale.Culture, null, [], [], [], [], [], $"{locale.File}: no Twilio voice and no espeak_voice: set voice.espeak_voice (see espeak-ng --voices)");

        System.IO.Directory.CreateDirectory(folder);
        var manifest = StandInManifest.Read(folder);
        try
        {
            foreach (var key in prompts)
            {
                if (!PromptAudio.IsSafeFileName(key + PromptAudio.StandInSuffix))
                {
                    skipped.Add(new(key, StandInSkip.UnsafeFileName));
                    continue;
                }
                if (audio.Resolve(locale, key).Source == AudioSource.Recording)
                {
                    // A person's recording is what callers hear; a stand-in beside it would never play.
                    recorded.Add(key);
                    if (RemoveStandIn(folder, manifest, key)) removed.Add(key);
                    continue;
                }
                var text = StandInManifest.SpokenText(content.Locales, locale, key);
                if (text is null || text.Length == 0)
                {
                    skipped.Add(new(key, text is null ? StandInSkip.EnglishFallback : StandInSkip.NothingToSay));
                    // Whatever an old file says is no longer in the locale file, so no one can check it.
                    if (RemoveStandIn(folder, manifest, key)) removed.Add(key);
                    continue;
                }

                var file = StandInFile(folder, key);
                var parts = StandInParts.Split(voice, text);
                var hash = StandInManifest.Hash(voice, StandInParts.Describe(parts));
                if (!force && File.Exists(file) && manifest.HashOf(key) == hash)
                {
                    unchanged.Add(key);
                    continue;
                }
                Synthesize(parts, file);
                manifest.Set(key, hash);
                rendered.Add(key);
            }
            removed.AddRange(RemoveStale(folder, manifest, prompts));
        }
        catch (SpeechSynthesisException e)
        {
            error = $"{locale.File}: espeak voice '{voice}': {e.Message}";
        }
        finally
        {
            // Written even after a failure, so what was rendered is not rendered again.
            manifest.Write(folder);
        }
        return new(locale.Culture, voice, rendered, unchanged, recorded, skipped, removed, error);
    }

    /// <summary>One voice speaks the whole text; a text in two scripts is spoken part by part and joined, a short breath between parts.</summary>
    private void Synthesize(IReadOnlyList<SpokenPart> parts, string file)
    {
        if (parts.Count == 1)
        {
            synthesizer.Synthesize(parts[0].Voice, parts[0].Text, file);
            return;
        }
        var work = System.IO.Directory.CreateTempSubdirectory("helpline-standin-parts-");
        try
        {
            var files = parts.Select((part, i) =>
            {
                var partFile = Path.Combine(work.FullName, $"{i}.wav");
                synthesizer.Synthesize(part.Voice, part.Text, partFile);
                return partFile;
            }).ToList();
            var joined = Path.Combine(work.FullName, "joined.wav");
            try { PcmAudio.Join(files, joined, pauseSeconds: 0.08); }
            catch (AudioProgramException e) { throw new SpeechSynthesisException($"cannot join the parts of a mixed-script text: {e.Message}", e); }
            File.Move(joined, file, overwrite: true);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
    }

    public static string StandInFile(string cultureFolder, string key) => Path.Combine(cultureFolder, key + PromptAudio.StandInSuffix);

    /// <summary>Stand-ins for keys no call says any more, and manifest entries without a file.</summary>
    private static List<string> RemoveStale(string folder, StandInManifest manifest, IReadOnlyList<string> prompts)
    {
        var current = prompts.ToHashSet(StringComparer.Ordinal);
        var removed = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*" + PromptAudio.StandInSuffix))
        {
            var name = Path.GetFileName(file);
            var key = name[..^PromptAudio.StandInSuffix.Length];
            if (current.Contains(key)) continue;
            File.Delete(file);
            manifest.Remove(key);
            removed.Add(key);
        }
        foreach (var key in manifest.Keys.Where(k => !File.Exists(StandInFile(folder, k))).ToList())
            manifest.Remove(key);
        removed.Sort(StringComparer.Ordinal);
        return removed;
    }

    private static bool RemoveStandIn(string folder, StandInManifest manifest, string key)
    {
        manifest.Remove(key);
        var file = StandInFile(folder, key);
        if (!File.Exists(file)) return false;
        File.Delete(file);
        return true;
    }
}
