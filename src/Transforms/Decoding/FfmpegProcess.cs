using System.ComponentModel;
using System.Diagnostics;

namespace MLVideo.Transforms.Decoding;

/// <summary>
/// Runs ffmpeg or ffprobe as a child process with an argument list (never a shell string), lets the caller
/// stream its stdout, captures stderr, enforces a timeout and always kills and reaps the child.
/// </summary>
internal static class FfmpegProcess
{
    private const int MaxStderrChars = 4000;

    /// <summary>
    /// Starts <paramref name="program"/>, hands its stdout to <paramref name="readStdout"/> on the calling thread and waits for it.
    /// When the timeout fires the process tree is killed, which closes the pipe so the reader returns.
    /// </summary>
    public static FfmpegResult Run(string program, IReadOnlyList<string> arguments, TimeSpan timeout, Action<Stream>? readStdout)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string a in arguments) psi.ArgumentList.Add(a);

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new FfmpegNotFoundException(program);
        }
        catch (Win32Exception e)
        {
            throw new FfmpegNotFoundException(program, e);
        }

        using (process)
        {
            // ffmpeg reads stdin for interactive keys; give it an empty stdin so it never waits on ours.
            try { process.StandardInput.Close(); } catch (IOException) { }
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            bool timedOut = false;
            using var timer = new Timer(_ =>
            {
                timedOut = true;
                KillQuietly(process);
            }, null, timeout, Timeout.InfiniteTimeSpan);
            try
            {
                Stream stdout = process.StandardOutput.BaseStream;
                if (readStdout is not null) readStdout(stdout);
                // Drain whatever the reader left so the child is never blocked on a full pipe.
                stdout.CopyTo(Stream.Null);
                if (!process.WaitForExit(timeout))
                {
                    timedOut = true;
                    KillQuietly(process);
                }
            }
            finally
            {
                if (!HasExited(process)) KillQuietly(process);
                process.WaitForExit(); // reaps the child: no zombie, both pipes closed
                timer.Change(Timeout.Infinite, Timeout.Infinite);
            }
            string err = stderr.GetAwaiter().GetResult();
            if (err.Length > MaxStderrChars) err = err[..MaxStderrChars] + " ...";
            return new FfmpegResult(process.ExitCode, err.Trim(), timedOut);
        }
    }

    private static bool HasExited(Process process)
    {
        try { return process.HasExited; }
        catch (InvalidOperationException) { return true; }
    }

    private static void KillQuietly(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // already exited
        catch (Win32Exception) { }
    }

    /// <summary>The argument ffmpeg needs to read a local file whatever its name (leading '-', ':' or spaces).</summary>
    public static string FileArgument(string path) => "file:" + Path.GetFullPath(path);
}
