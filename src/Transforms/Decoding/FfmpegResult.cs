namespace MLVideo.Transforms.Decoding;

/// <summary>The outcome of one ffmpeg/ffprobe run.</summary>
internal readonly record struct FfmpegResult(int ExitCode, string StandardError, bool TimedOut);
