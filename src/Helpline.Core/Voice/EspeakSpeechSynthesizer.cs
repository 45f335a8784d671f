using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Helpline.Core.Voice;

/// <summary>
/// espeak-ng speaks, sox resamples to 8 kHz mono 16-bit: a phone line carries no more, and the files
/// stay small enough to keep in the repository.
/// </summary>
public sealed class EspeakSpeechSynthesizer(string espeakProgram = "espeak-ng", string soxProgram = "sox") : ISpeechSynthesizer
{
    public const int SampleRate = 8000;

    // A stuck program must not hang a render of hundreds of prompts; one prompt takes well under a second.
    private static readonly TimeSpan ProgramTimeout = TimeSpan.FromMinutes(1);

    public IReadOnlyList<string> MissingPrograms() =>
        [.. new[] { espeakProgram, soxProgram }.Where(program => !CanStart(program))];

    public void Synthesize(string voice, string text, string outputFile)
    {
        var work = System.IO.Directory.CreateTempSubdirectory("helpline-standin-");
        try
        {
            var spoken = Path.Combine(work.FullName, "espeak.wav");
            var phone = Path.Combine(work.FullName, "phone.wav");

            // The text goes in on stdin, never as an argument: a text that starts with "-" would
            // otherwise be read as an option, and no shell ever sees it.
            Run(espeakProgram, ["-v", voice, "-b", "1", "-w", spoken, "--stdin"], text);
            if (!File.Exists(spoken)) throw new SpeechSynthesisException($"{espeakProgram} -v {voice} wrote no audio");
            // espeak-ng ends every text with about 0.3 s of silence: on a call that is dead air after each clip, on top of
            // the pause between two <Play>s, and a menu choice is three or four clips ("for", the topic, "press N").
            // Cut to the last sound above -50 dBFS (inaudible on a phone line); the pause between prompts separates them.
            Run(soxProgram, [spoken, "-r", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "1", "-b", "16", phone,
                "reverse", "silence", "1", "0.02", "-50d", "reverse"], null);

            // Moved into place only once complete, so an interrupted render never leaves half a file to play.
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
            File.Move(phone, outputFile, overwrite: true);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static bool CanStart(string program)
    {
        try
        {
            Run(program, ["--version"], null);
            return true;
        }
        catch (SpeechSynthesisException e) when (e.InnerException is Win32Exception)
        {
            return false;
        }
        catch (SpeechSynthesisException)
        {
            // It started, so it is installed; whatever --version said is not our concern here.
            return true;
        }
    }

    private static void Run(string program, IReadOnlyList<string> arguments, string? input)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = input is null ? null : new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        Process process;
        try { process = Process.Start(start) ?? throw new SpeechSynthesisException($"{program} did not start"); }
        catch (Win32Exception e) { throw new SpeechSynthesisException($"{program} is not installed or cannot be started", e); }

        using (process)
        {
            // Both pipes are drained while it runs: a full pipe would block the program forever.
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }
            if (!process.WaitForExit(ProgramTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new SpeechSynthesisException($"{program} took longer than {ProgramTimeout.TotalSeconds:0} s");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var said = (errors.Result + output.Result).Trim();
                throw new SpeechSynthesisException($"{program} failed (exit {process.ExitCode}){(said.Length > 0 ? ": " + said : "")}");
            }
        }
    }
}
