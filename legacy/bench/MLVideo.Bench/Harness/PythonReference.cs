using System.Diagnostics;
using System.Text.Json;

namespace MLVideo.Bench.Harness;

/// <summary>Runs a bench/python script (PyTorch reference) and parses the single JSON object it prints.</summary>
public static class PythonReference
{
    /// <summary>Runs the script with the given arguments; returns null (after printing why) when PyTorch is unavailable.</summary>
    public static JsonDocument? Run(BenchContext context, string script, params string[] arguments)
    {
        if (!context.WithPyTorch) return null;
        var psi = new ProcessStartInfo(context.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(context.PythonScripts, script));
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        // Debian's OpenBLAS does not recognise every AVX-512 CPU; name the core type so it uses its AVX-512 kernels.
        psi.Environment["OPENBLAS_CORETYPE"] = "COOPERLAKE";
        try
        {
            using var process = Process.Start(psi)!;
            var stderrTask = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"PyTorch reference failed (exit {process.ExitCode}): {stderrTask.Result.Trim()}");
                Console.WriteLine("Install it with: apt-get install -y python3-torch python3-torchvision");
                return null;
            }
            return JsonDocument.Parse(stdout);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine($"{context.Python} not found. Install PyTorch with: apt-get install -y python3-torch python3-torchvision");
            return null;
        }
    }
}
