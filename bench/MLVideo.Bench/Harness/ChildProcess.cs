using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace MLVideo.Bench.Harness;

/// <summary>
/// Runs one contender x method in a process of its own, so that its peak resident memory is its own: this program
/// again with <c>--child</c> for ours and plain TorchSharp, bench/python/resnet_tsn.py for PyTorch.
/// </summary>
public static class ChildProcess
{
    /// <summary>The message printed when Debian's PyTorch is missing; the suite goes on with our figures.</summary>
    public const string InstallHint = "apt-get install -y python3-torch python3-torchvision";

    /// <summary>Measures <paramref name="contender"/> (ours, plain or pytorch) on <paramref name="method"/>; null with <paramref name="failure"/> set when it could not run.</summary>
    public static Measurement? Run(string contender, string method, BenchOptions options, out string? failure)
    {
        var psi = contender == "pytorch" ? PythonStart(method, options) : SelfStart(contender, method, options);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        try
        {
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                failure = $"{contender} {method} failed (exit {process.ExitCode}): {LastLines(stderr.Result, 6)}";
                if (contender == "pytorch") failure += $"\nIs Debian's PyTorch installed? {InstallHint}";
                return null;
            }
            string json = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            failure = null;
            return Measurement.FromJson(json);
        }
        catch (Win32Exception e)
        {
            failure = $"Cannot start {psi.FileName}: {e.Message}." + (contender == "pytorch" ? $" Install PyTorch with: {InstallHint}" : "");
            return null;
        }
    }

    private static ProcessStartInfo SelfStart(string contender, string method, BenchOptions options)
    {
        // Started as an apphost (dotnet run) the process is the program itself; started as `dotnet X.dll` it needs the dll.
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("The bench cannot find its own executable.");
        var psi = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") psi.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (string a in new[] { "--child", contender, "--method", method }.Concat(CommonArguments(options))) psi.ArgumentList.Add(a);
        return psi;
    }

    private static ProcessStartInfo PythonStart(string method, BenchOptions options)
    {
        var psi = new ProcessStartInfo(options.Python);
        psi.ArgumentList.Add(Path.Combine(BenchPaths.PythonFolder(), "resnet_tsn.py"));
        foreach (string a in new[] { "--method", method }.Concat(CommonArguments(options))) psi.ArgumentList.Add(a);
        return psi;
    }

    private static string[] CommonArguments(BenchOptions o) =>
    [
        "--repeats", o.Repeats.ToString(CultureInfo.InvariantCulture),
        "--warmup", o.Warmup.ToString(CultureInfo.InvariantCulture),
        "--threads", o.Threads.ToString(CultureInfo.InvariantCulture),
    ];

    private static string LastLines(string text, int count) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));
}
