using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Helpline.Benchmark;

/// <summary>Where the figures were taken: they mean little without it.</summary>
public sealed record MachineInfo(int Cores, string Cpu, string Os, string DotnetSdk, string Runtime, double MemoryGb)
{
    public static async Task<MachineInfo> ReadAsync(string repositoryRoot, CancellationToken ct)
    {
        var cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (model is not null) cpu = model[(model.IndexOf(':') + 1)..].Trim();
        }
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return new MachineInfo(Environment.ProcessorCount, cpu, RuntimeInformation.OSDescription,
            await DotnetVersionAsync(repositoryRoot, ct), RuntimeInformation.FrameworkDescription, memory);
    }

    private static async Task<string> DotnetVersionAsync(string workingDirectory, CancellationToken ct)
    {
        try
        {
            var start = new ProcessStartInfo("dotnet", "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            };
            using var process = Process.Start(start);
            if (process is null) return "unknown";
            var output = await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
