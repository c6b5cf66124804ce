using System.Globalization;

namespace MLVideo.Bench.Harness;

/// <summary>
/// The 1-minute load average of the machine (/proc/loadavg), read between child processes: on a shared machine it
/// says whether other work ran beside the bench, which makes every figure of the run noise.
/// </summary>
public static class MachineLoad
{
    /// <summary>The 1-minute load average, or null where /proc/loadavg does not exist.</summary>
    public static double? OneMinute()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path)) return null;
        string first = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return double.Parse(first, CultureInfo.InvariantCulture);
    }
}
