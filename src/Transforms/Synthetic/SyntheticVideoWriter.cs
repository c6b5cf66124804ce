using System.Diagnostics;
using System.Globalization;
using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.Synthetic;

/// <summary>Encodes rendered RGB24 frames as an H.264 mp4 by piping them into the <c>ffmpeg</c> program.</summary>
internal static class SyntheticVideoWriter
{
    /// <summary>Writes <paramref name="rgb"/> (frame-major RGB24) to <paramref name="path"/> at <paramref name="fps"/>.</summary>
    public static void WriteMp4(string path, byte[] rgb, int width, int height, int fps, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Argument list, never a shell string: paths with spaces or a leading '-' stay one argument
        // ("file:" stops ffmpeg from reading a leading '-' as an option).
        foreach (string a in new[]
                 {
                     "-hide_banner", "-loglevel", "error", "-y",
                     "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{width}x{height}", "-r", fps.ToString(CultureInfo.InvariantCulture),
                     "-i", "pipe:0",
                     "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
                     // Every frame intra-coded: inter-frame prediction leaves artefacts that depend on the direction of
                     // motion, a cue a per-frame model (TSN) could learn; all-intra keeps single frames direction-free.
                     "-g", "1",
                     "-threads", "1", "file:" + Path.GetFullPath(path),
                 })
            psi.ArgumentList.Add(a);

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new FfmpegNotFoundException("ffmpeg");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FfmpegNotFoundException("ffmpeg", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            try
            {
                using (var stdin = process.StandardInput.BaseStream) stdin.Write(rgb);
            }
            catch (IOException)
            {
                // ffmpeg exited early; its stderr below says why.
            }
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException($"ffmpeg did not finish encoding '{path}' within {timeout.TotalSeconds:F0} s.");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new IOException($"ffmpeg failed to encode '{path}' (exit {process.ExitCode}): {stderr.Result.Trim()}");
            _ = stdout.Result;
        }
    }
}
