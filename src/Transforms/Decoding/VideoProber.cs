using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MLVideo.Transforms.Decoding;

/// <summary>Probes a video file with ffprobe: streams, codec, rotation-aware size, frame rate, duration and frame count.</summary>
internal static class VideoProber
{
    /// <summary>Checks the path before any process is started, so the common mistakes get a precise reason.</summary>
    public static void ValidateFile(string path)
    {
        if (Directory.Exists(path)) throw new InvalidVideoException(path, InvalidVideoReason.Directory, "");
        var file = new FileInfo(path);
        if (!file.Exists) throw new InvalidVideoException(path, InvalidVideoReason.Missing, "");
        if (file.Length == 0) throw new InvalidVideoException(path, InvalidVideoReason.Empty, "");
    }

    public static VideoInfo Probe(string path, VideoBackendOptions options)
    {
        ValidateFile(path);
        string json = RunFfprobe(path, options, ["-show_format", "-show_streams"]);
        VideoInfo info = Parse(path, json);
        if (info.FrameCount > 0) return info;

        // Matroska/WebM (and some AVI) state no frame count: count packets (demux only) or decoded frames (exact).
        string entry = options.CountDecodedFrames ? "nb_read_frames" : "nb_read_packets";
        string counted = RunFfprobe(path, options,
            [options.CountDecodedFrames ? "-count_frames" : "-count_packets", "-select_streams", info.VideoStreamIndex.ToString(CultureInfo.InvariantCulture),
             "-show_entries", "stream=" + entry]);
        using var doc = JsonDocument.Parse(counted);
        int count = 0;
        if (doc.RootElement.TryGetProperty("streams", out var streams) && streams.GetArrayLength() > 0)
            count = ReadInt(streams[0], entry);
        if (count > 0)
            return info with { FrameCount = count, FrameCountSource = options.CountDecodedFrames ? FrameCountSource.CountedFrames : FrameCountSource.CountedPackets };
        int estimate = (int)Math.Round(info.DurationSeconds * info.FrameRate);
        if (estimate <= 0) throw new InvalidVideoException(path, InvalidVideoReason.DecodeFailed, "the video stream holds no frames");
        return info with { FrameCount = estimate, FrameCountSource = FrameCountSource.Estimated };
    }

    private static string RunFfprobe(string path, VideoBackendOptions options, string[] what)
    {
        var args = new List<string> { "-v", "error", "-of", "json" };
        args.AddRange(what);
        args.Add(FfmpegProcess.FileArgument(path));
        var output = new MemoryStream();
        FfmpegResult result = FfmpegProcess.Run(options.FfprobePath, args, options.Timeout, s => s.CopyTo(output));
        if (result.TimedOut)
            throw new InvalidVideoException(path, InvalidVideoReason.Timeout, $"ffprobe ran longer than {options.Timeout.TotalSeconds:F0} s");
        if (result.ExitCode != 0)
            throw new InvalidVideoException(path, InvalidVideoReason.Unreadable, FirstLine(result.StandardError, $"ffprobe exit code {result.ExitCode}"));
        return Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
    }

    internal static VideoInfo Parse(string path, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var streams = new List<MediaStreamInfo>();
        JsonElement? video = null;
        if (root.TryGetProperty("streams", out var list))
        {
            foreach (var s in list.EnumerateArray())
            {
                bool attached = s.TryGetProperty("disposition", out var d) && ReadInt(d, "attached_pic") == 1;
                var stream = new MediaStreamInfo(ReadInt(s, "index"), ReadString(s, "codec_type"), ReadString(s, "codec_name"), attached);
                streams.Add(stream);
                if (video is null && stream.CodecType == "video" && !attached) video = s.Clone();
            }
        }
        string container = root.TryGetProperty("format", out var format) ? ReadString(format, "format_name") : "";
        if (video is not { } v)
        {
            string kinds = streams.Count == 0 ? "no streams" : "streams: " + string.Join(", ", streams.Select(s => $"{s.CodecType}/{s.CodecName}"));
            throw new InvalidVideoException(path, InvalidVideoReason.NoVideoStream, $"container '{container}' has {kinds}");
        }
        int width = ReadInt(v, "width"), height = ReadInt(v, "height");
        if (width <= 0 || height <= 0)
            throw new InvalidVideoException(path, InvalidVideoReason.Unreadable, $"video stream reports size {width}x{height}");

        double fps = ReadRate(v, "avg_frame_rate");
        if (fps <= 0) fps = ReadRate(v, "r_frame_rate");
        double duration = ReadDouble(v, "duration");
        if (duration <= 0 && root.TryGetProperty("format", out var f2)) duration = ReadDouble(f2, "duration");
        int frames = ReadInt(v, "nb_frames");

        return new VideoInfo
        {
            Path = path,
            Container = container,
            Codec = ReadString(v, "codec_name"),
            VideoStreamIndex = ReadInt(v, "index"),
            CodedWidth = width,
            CodedHeight = height,
            Rotation = ReadRotation(v),
            FrameRate = fps,
            DurationSeconds = duration,
            FrameCount = frames,
            FrameCountSource = FrameCountSource.Container,
            Streams = streams,
        };
    }

    private static int ReadRotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var side))
            foreach (var item in side.EnumerateArray())
                if (item.TryGetProperty("rotation", out _))
                    return (int)Math.Round(ReadDouble(item, "rotation"));
        if (stream.TryGetProperty("tags", out var tags) && tags.TryGetProperty("rotate", out _))
            return -(int)Math.Round(ReadDouble(tags, "rotate")); // legacy tag is clockwise; the display matrix is counter-clockwise
        return 0;
    }

    private static string ReadString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) ? p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : p.ToString() : "";

    private static int ReadInt(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var p)) return 0;
        if (p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out int n)) return n;
        return p.ValueKind == JsonValueKind.String && int.TryParse(p.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n) ? n : 0;
    }

    private static double ReadDouble(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var p)) return 0;
        if (p.ValueKind == JsonValueKind.Number) return p.GetDouble();
        return p.ValueKind == JsonValueKind.String && double.TryParse(p.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : 0;
    }

    private static double ReadRate(JsonElement e, string name)
    {
        string s = ReadString(e, name);
        int slash = s.IndexOf('/');
        if (slash < 0) return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) ? r : 0;
        if (double.TryParse(s[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out double num) &&
            double.TryParse(s[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double den) && den != 0)
            return num / den;
        return 0;
    }

    internal static string FirstLine(string text, string fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        int nl = text.IndexOf('\n');
        return (nl < 0 ? text : text[..nl]).Trim();
    }
}
