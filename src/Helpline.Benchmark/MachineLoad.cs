using System.Globalization;

namespace Helpline.Benchmark;

/// <summary>
/// CPU time the whole machine has spent busy (from /proc/stat), so a report can show how much of the
/// cores went to processes other than the server and the load generator: a build running next to
/// the benchmark changes its figures.
/// </summary>
public static class MachineLoad
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on Linux

    /// <summary>Busy CPU time so far, all cores together; null where /proc/stat does not exist.</summary>
    public static TimeSpan? BusyTime()
    {
        try
        {
            if (!File.Exists("/proc/stat")) return null;
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // cpu user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy.
            long busy = 0;
            for (var i = 1; i < cpu.Length && i <= 8; i++)
            {
                if (i is 4 or 5) continue;
                busy += long.Parse(cpu[i], CultureInfo.InvariantCulture);
            }
            return TimeSpan.FromSeconds(busy / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
