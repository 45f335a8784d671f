using Helpline.Testing;
using System.Diagnostics;

namespace Helpline.Core.Tests.Voice;

/// <summary>
/// Real audio for the import tests, made with the same Debian programs a developer has: espeak-ng
/// speaks, sox makes tones and silence and turns the gain up until it clips, ffmpeg encodes it the way
/// a phone (M4A/AAC), WhatsApp (OGG/Opus) or an old recorder (MP3) would. No mocks.
/// </summary>
public sealed class GeneratedAudio : IDisposable
{
    public GeneratedAudio()
    {
        foreach (var program in new[] { "espeak-ng", "sox", "ffmpeg" })
            Assert.True(Runs(program, program == "ffmpeg" ? "-version" : "--version"), $"{program} is not installed (apt-get install espeak-ng sox ffmpeg)");
    }

    public string Folder { get; } = System.IO.Directory.CreateTempSubdirectory("helpline-audio-").FullName;

    /// <summary>
    /// <paramref name="text"/> spoken by espeak-ng, with <paramref name="silence"/> seconds of silence
    /// before and after and <paramref name="gainDb"/> applied, encoded by the file name's extension.
    /// </summary>
    public string Speech(string name, string text, string voice = "es", double silence = 0, double gainDb = 0, int rate = 44100, int channels = 1)
    {
        var spoken = Temp(".wav");
        ExternalProgram.Run("espeak-ng", "-v", voice, "-w", spoken, text);
        var shaped = Temp(".wav");
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        ExternalProgram.Run("sox", spoken, "-r", rate.ToString(inv), "-c", channels.ToString(inv), shaped, "pad", silence.ToString(inv), silence.ToString(inv), "gain", gainDb.ToString(inv));
        return Encode(shaped, name);
    }

    /// <summary>A tone: <c>sox -n synth</c>.</summary>
    public string Tone(string name, double seconds, double frequency = 440, double gainDb = -6)
    {
        var wav = Temp(".wav");
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        ExternalProgram.Run("sox", "-n", "-r", "44100", "-c", "1", "-b", "16", wav, "synth", seconds.ToString(inv), "sine", frequency.ToString(inv), "gain", gainDb.ToString(inv));
        return Encode(wav, name);
    }

    /// <summary>Digital silence: what a muted or broken microphone records.</summary>
    public string Silence(string name, double seconds)
    {
        var wav = Temp(".wav");
        ExternalProgram.Run("sox", "-n", "-r", "44100", "-c", "1", "-b", "16", wav, "trim", "0", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Encode(wav, name);
    }

    private string Encode(string wav, string name)
    {
        var target = Path.Combine(Folder, name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension == ".wav") File.Copy(wav, target, overwrite: true);
        else
        {
            string[] codec = extension switch
            {
                ".mp3" => ["-c:a", "libmp3lame", "-b:a", "64k"],
                ".m4a" or ".aac" => ["-c:a", "aac", "-b:a", "64k"],
                ".ogg" or ".opus" => ["-c:a", "libopus", "-b:a", "24k"],
                ".webm" => ["-c:a", "libopus", "-b:a", "32k"],
                _ => [],
            };
            ExternalProgram.Run("ffmpeg", ["-v", "error", "-y", "-i", wav, .. codec, target]);
        }
        return target;
    }

    private string Temp(string extension) => Path.Combine(Folder, "work-" + Guid.NewGuid().ToString("N") + extension);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }


    private static bool Runs(string program, string flag)
    {
        try
        {
            ExternalProgram.Run(program, flag);
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
