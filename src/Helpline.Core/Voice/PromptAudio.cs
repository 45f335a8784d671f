using Helpline.Core.Localization;

namespace Helpline.Core.Voice;

public enum AudioSource { Recording, Tts, StandIn, Missing }

/// <summary>How one prompt is heard on a call, and the file to play when it is a file.</summary>
public sealed record PromptSound(AudioSource Source, string? File);

/// <summary>
/// Resolves a prompt the way DESIGN.md orders it: a person's recording, else Twilio's voice for the
/// locale, else an espeak-ng stand-in. A language Twilio cannot speak never falls back to English TTS.
/// </summary>
public sealed class PromptAudio(string audioFolder)
{
    public const string StandInSuffix = ".standin.wav";
    private static readonly string[] RecordingExtensions = [".mp3", ".wav"];

    public string AudioFolder => audioFolder;

    public PromptSound Resolve(Locale locale, string? key)
    {
        // A key that cannot be a file name never names one: audio is only ever <key>.mp3, <key>.wav
        // or <key>.standin.wav inside the culture's folder.
        if (key is not null && !(IsSafeFileName(key + StandInSuffix) && IsSafeFileName(locale.Culture))) key = null;
        if (key is not null)
        {
            foreach (var extension in RecordingExtensions)
            {
                var recording = Path.Combine(audioFolder, locale.Culture, key + extension);
                if (File.Exists(recording)) return new(AudioSource.Recording, recording);
            }
        }
        if (locale.Voice.SayLanguage is not null) return new(AudioSource.Tts, null);
        if (key is not null)
        {
            var standIn = Path.Combine(audioFolder, locale.Culture, key + StandInSuffix);
            if (File.Exists(standIn)) return new(AudioSource.StandIn, standIn);
        }
        return new(AudioSource.Missing, null);
    }

    /// <summary>The file name a prompt's audio is served under, relative to the culture's folder.</summary>
    public static bool IsSafeFileName(string name) =>
        name.Length > 0 && name.Length < 200 && !name.Contains("..") && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
