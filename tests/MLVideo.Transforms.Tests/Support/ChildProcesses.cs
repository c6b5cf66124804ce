namespace MLVideo.Transforms.Tests.Support;

/// <summary>Lists this process's child ffmpeg/ffprobe processes (Linux /proc), including zombies, to prove none are left behind.</summary>
internal static class ChildProcesses
{
    public static List<string> LeftoverDecoders()
    {
        var found = new List<string>();
        if (!Directory.Exists("/proc")) Assert.Fail("/proc is not available: cannot check for leftover decoder processes on this OS.");
        int self = Environment.ProcessId;
        foreach (string dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            // Format: pid (comm) state ppid ...; comm may contain spaces, so split after the last ')'.
            int close = stat.LastIndexOf(')');
            if (close < 0) continue;
            string comm = stat[(stat.IndexOf('(') + 1)..close];
            string[] rest = stat[(close + 2)..].Split(' ');
            if (rest.Length < 2 || !int.TryParse(rest[1], out int ppid) || ppid != self) continue;
            if (comm is "ffmpeg" or "ffprobe") found.Add($"{pid} {comm} state {rest[0]}");
        }
        return found;
    }
}
