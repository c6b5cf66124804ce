using MLVideo.Transforms.Decoding;

namespace MLVideo;

/// <summary>Thrown when the <c>ffmpeg</c> or <c>ffprobe</c> program cannot be started; the message says how to install it.</summary>
public sealed class FfmpegNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception for the program that could not be started.</summary>
    public FfmpegNotFoundException(string program, Exception? inner = null)
        : base($"The '{program}' program was not found or could not be started. MLVideo decodes video with the ffmpeg tools: " +
               "install them with 'sudo apt-get install ffmpeg' (Debian/Ubuntu), 'brew install ffmpeg' (macOS) or 'winget install ffmpeg' (Windows), " +
               "or set VideoBackendOptions.FfmpegPath/FfprobePath to their location.", inner)
    {
        Program = program;
    }

    /// <summary>The program name or path that could not be started.</summary>
    public string Program { get; }
}
