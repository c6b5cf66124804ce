using System.Globalization;

namespace MLVideo.Transforms.Decoding;

/// <summary>
/// Runs one ffmpeg decode that writes raw RGB24 frames to stdout and reads them straight into a frame buffer.
/// Shared by container files and frame folders, which differ only in their input arguments.
/// </summary>
internal static class FfmpegFramePipe
{
    /// <param name="path">The file or folder, for error messages.</param>
    /// <param name="inputArguments">Arguments that open the input (e.g. <c>-i file:/x.mp4</c>).</param>
    /// <param name="streamIndex">Container stream to decode.</param>
    /// <param name="outputSize">Size of the frames ffmpeg writes (after rotation and optional scaling).</param>
    /// <param name="scale">True when ffmpeg must scale to <paramref name="outputSize"/>.</param>
    /// <param name="selection">Frames to keep, or null for every frame.</param>
    /// <param name="expectedFrames">Frame count hint used to size the buffer when decoding everything.</param>
    /// <param name="options">Program paths, timeout and threads.</param>
    public static FrameStack Decode(string path, IReadOnlyList<string> inputArguments, int streamIndex, FrameSize outputSize, bool scale,
        FrameSelection? selection, int expectedFrames, VideoBackendOptions options)
    {
        List<string> args = BuildArguments(inputArguments, streamIndex, outputSize, scale, selection, options);

        int frameBytes = outputSize.Width * outputSize.Height * 3;
        int capacity = selection?.Distinct.Length ?? Math.Max(1, expectedFrames + 2);
        byte[] buffer = new byte[checked((long)frameBytes * capacity) <= Array.MaxLength ? frameBytes * capacity : throw new InvalidVideoException(path,
            InvalidVideoReason.DecodeFailed, $"{capacity} frames of {outputSize} do not fit in one buffer; decode fewer frames or a smaller size")];
        long filled = 0;
        FfmpegResult result = FfmpegProcess.Run(options.FfmpegPath, args, options.Timeout, stdout =>
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (selection is not null) return; // got every selected frame
                    Array.Resize(ref buffer, checked(buffer.Length + Math.Max(frameBytes, buffer.Length / 2 / frameBytes * frameBytes)));
                }
                int n = stdout.Read(buffer, (int)filled, buffer.Length - (int)filled);
                if (n <= 0) return;
                filled += n;
            }
        });

        int frames = (int)(filled / frameBytes);
        if (result.TimedOut)
            throw new InvalidVideoException(path, InvalidVideoReason.Timeout, $"ffmpeg ran longer than {options.Timeout.TotalSeconds:F0} s");
        bool complete = selection is null || frames == selection.Distinct.Length;
        if (frames == 0 || (result.ExitCode != 0 && !complete) || (!complete && result.StandardError.Length > 0))
            throw new InvalidVideoException(path, InvalidVideoReason.DecodeFailed,
                $"{frames} of {(selection is null ? "all" : selection.Distinct.Length.ToString(CultureInfo.InvariantCulture))} frames decoded" +
                $" (ffmpeg exit code {result.ExitCode}): {VideoProber.FirstLine(result.StandardError, "no error text")}");

        int[] indices = selection is null ? Enumerable.Range(0, frames).ToArray() : selection.Distinct[..frames];
        var decoded = new FrameStack(buffer, outputSize.Width, outputSize.Height, frames, indices);
        return selection is null ? decoded : selection.Arrange(decoded);
    }

    /// <summary>The ffmpeg argument list of a decode (exposed so the benchmark can run the identical command alone).</summary>
    internal static List<string> BuildArguments(IReadOnlyList<string> inputArguments, int streamIndex, FrameSize outputSize, bool scale,
        FrameSelection? selection, VideoBackendOptions options)
    {
        var args = new List<string> { "-nostdin", "-hide_banner", "-v", "error" };
        if (options.DecoderThreads > 0) args.AddRange(["-threads", options.DecoderThreads.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(inputArguments);
        args.AddRange(["-map", "0:" + streamIndex.ToString(CultureInfo.InvariantCulture)]);
        var filters = new List<string>();
        if (selection is not null) filters.Add(selection.SelectFilter());
        if (scale) filters.Add(string.Create(CultureInfo.InvariantCulture, $"scale={outputSize.Width}:{outputSize.Height}:flags=bilinear"));
        if (filters.Count > 0) args.AddRange(["-vf", string.Join(',', filters)]);
        // Passthrough: every decoded frame exactly once (rawvideo output otherwise duplicates/drops to a constant rate).
        args.AddRange(["-fps_mode", "passthrough"]);
        if (selection is not null) args.AddRange(["-frames:v", selection.Distinct.Length.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(["-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);

        return args;
    }
}
