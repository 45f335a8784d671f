using System.ComponentModel;
using System.Diagnostics;

namespace Helpline.Core.Voice;

/// <summary>
/// ffmpeg and sox, run as programs (Debian packages): ffmpeg reads what phones and WhatsApp write
/// (MP3, M4A/AAC, OGG/Opus, WebM from a browser), sox trims silence. Arguments go in one by one, never
/// through a shell, so a file name cannot become a command.
/// </summary>
public sealed class AudioPrograms(string ffmpegProgram = "ffmpeg", string soxProgram = "sox")
{
    private static readonly TimeSpan ProgramTimeout = TimeSpan.FromMinutes(2);

    public IReadOnlyList<string> MissingPrograms() =>
        [.. new[] { (ffmpegProgram, "-version"), (soxProgram, "--version") }.Where(p => !CanStart(p.Item1, p.Item2)).Select(p => p.Item1)];

    /// <summary>Decodes any audio ffmpeg reads into 16-bit mono PCM WAV at <paramref name="sampleRate"/> (0: the file's own, so nothing is resampled before it is measured).</summary>
    public void Decode(string input, string output, int sampleRate, string? filters = null)
    {
        List<string> arguments = ["-hide_banner", "-nostdin", "-v", "error", "-y", "-i", input, "-vn", "-map", "0:a:0"];
        if (filters is not null) arguments.AddRange(["-af", filters]);
        arguments.AddRange(["-ac", "1"]);
        if (sampleRate > 0) arguments.AddRange(["-ar", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        // -bitexact: no encoder tag in the header, so the same input gives the same bytes.
        arguments.AddRange(["-c:a", "pcm_s16le", "-bitexact", "-f", "wav", output]);
        Run(ffmpegProgram, arguments);
    }

    public void Sox(IReadOnlyList<string> arguments) => Run(soxProgram, arguments);

    private static bool CanStart(string program, string versionFlag)
    {
        try
        {
            Run(program, [versionFlag]);
            return true;
        }
        catch (AudioProgramException e) when (e.InnerException is Win32Exception)
        {
            return false;
        }
        catch (AudioProgramException)
        {
            return true;
        }
    }

    private static void Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        Process process;
        try { process = Process.Start(start) ?? throw new AudioProgramException($"{program} did not start"); }
        catch (Win32Exception e) { throw new AudioProgramException($"{program} is not installed (Debian: apt-get install ffmpeg sox)", e); }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ProgramTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new AudioProgramException($"{program} took longer than {ProgramTimeout.TotalSeconds:0} s");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var said = (errors.Result + output.Result).Trim();
                // The last line is the reason ("Invalid data found when processing input"); the rest is noise.
                var last = said.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
                throw new AudioProgramException($"{program} failed (exit {process.ExitCode}){(last.Length > 0 ? ": " + last : "")}");
            }
        }
    }
}

/// <summary>ffmpeg or sox failed or is missing; the message carries the reason it printed.</summary>
public sealed class AudioProgramException(string message, Exception? inner = null) : Exception(message, inner);
