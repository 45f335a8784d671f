using System.Diagnostics;

namespace Helpline.Testing;

/// <summary>Runs a program the tests use for real (espeak-ng, sox, ffmpeg) to make test audio.</summary>
public static class ExternalProgram
{
    /// <exception cref="System.ComponentModel.Win32Exception">the program is not installed</exception>
    /// <exception cref="InvalidOperationException">it exited with an error: the message names the command and what it printed</exception>
    public static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: {errors.Result}");
    }
}
