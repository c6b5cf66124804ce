using Microsoft.ML;
using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms;

/// <summary>
/// Saves and loads the decoding options that belong to a model: timeout, decoder threads, frame counting and frame-folder naming.
/// Program locations are machine settings, not model content: a loaded model uses the ffmpeg and ffprobe on the loading machine's PATH.
/// </summary>
internal static class VideoBackendOptionsFormat
{
    // *** Binary format ***
    // double: timeout in seconds
    // int: decoder threads (0: ffmpeg chooses)
    // bool: count decoded frames when the container states no count
    // string: frame file template (string table)
    // int: number of the first frame file
    // double: frame rate reported for frame folders

    public static void Save(ModelSaveContext ctx, VideoBackendOptions options)
    {
        ctx.Writer.Write(options.Timeout.TotalSeconds);
        ctx.Writer.Write(options.DecoderThreads);
        ctx.Writer.Write(options.CountDecodedFrames);
        ctx.SaveNonEmptyString(options.FrameFolder.FileNameTemplate);
        ctx.Writer.Write(options.FrameFolder.StartIndex);
        ctx.Writer.Write(options.FrameFolder.FrameRate);
    }

    public static VideoBackendOptions Load(ModelLoadContext ctx, string component)
    {
        double timeout = ctx.Reader.ReadDouble();
        int threads = ctx.Reader.ReadInt32();
        bool countFrames = ctx.Reader.ReadBoolean();
        string template = ctx.LoadNonEmptyString();
        int start = ctx.Reader.ReadInt32();
        double frameRate = ctx.Reader.ReadDouble();
        if (!(timeout > 0) || threads < 0 || start < 0 || !(frameRate > 0))
            throw new FormatException($"The model's {component} step holds invalid decoding options (timeout {timeout} s, {threads} threads, " +
                                      $"first frame {start}, frame rate {frameRate}).");
        return new VideoBackendOptions
        {
            Timeout = TimeSpan.FromSeconds(timeout),
            DecoderThreads = threads,
            CountDecodedFrames = countFrames,
            FrameFolder = new FrameFolderOptions { FileNameTemplate = template, StartIndex = start, FrameRate = frameRate },
        };
    }
}
