using System.Diagnostics;
using System.Globalization;

namespace MLVideo.Bench.Harness;

/// <summary>
/// Peak resident memory of this process: VmHWM of /proc/self/status, the kernel's high-water mark of the resident set
/// (what ru_maxrss reports), so .NET and Python processes are measured the same way.
/// </summary>
public static class PeakMemory
{
    /// <summary>Peak resident set in MiB since the process started.</summary>
    public static double ResidentMiB()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (string line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024.0;
        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
