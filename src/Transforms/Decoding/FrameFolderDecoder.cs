using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MLVideo.Transforms.Decoding;

/// <summary>
/// Reads a folder of extracted frames (mmaction2 "rawframes": <c>img_00001.jpg</c>, ...) through the same interface as a video file.
/// Frame <c>i</c> (0-based) is the file numbered <c>StartIndex + i</c>.
/// </summary>
public sealed partial class FrameFolderDecoder : IVideoDecoder
{
    private readonly VideoBackendOptions _options;

    /// <summary>Creates a frame-folder reader (naming from <see cref="VideoBackendOptions.FrameFolder"/>).</summary>
    public FrameFolderDecoder(VideoBackendOptions? options = null) => _options = options ?? VideoBackendOptions.Default;

    private FrameFolderOptions Naming => _options.FrameFolder;

    /// <summary>Counts the consecutive frame files from the start index and probes the first one for the size.</summary>
    public VideoInfo Probe(string path) => Probe(path, 0, null);

    /// <summary>
    /// Probes a frame folder whose frame 0 is file number <c>StartIndex + offset</c>. When <paramref name="frameCount"/> is given
    /// (from a list file) the files are not counted, only the first and last are checked.
    /// </summary>
    public VideoInfo Probe(string path, int offset, int? frameCount)
    {
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), $"Frame folder '{path}': offset {offset} is negative.");
        if (!Directory.Exists(path))
            throw new InvalidVideoException(path, File.Exists(path) ? InvalidVideoReason.Unreadable : InvalidVideoReason.Missing,
                File.Exists(path) ? "a frame folder was expected, this is a file" : "");
        int count = 0;
        if (frameCount is int known)
        {
            string last = Path.Combine(path, Naming.FileName(offset + known - 1));
            if (known <= 0 || !File.Exists(last))
                throw new InvalidVideoException(path, InvalidVideoReason.DecodeFailed, $"the list says {known} frames from offset {offset} but '{Path.GetFileName(last)}' is missing");
            count = known;
        }
        else
        {
            while (File.Exists(Path.Combine(path, Naming.FileName(offset + count)))) count++;
        }
        if (count == 0)
            throw new InvalidVideoException(path, InvalidVideoReason.Directory, $"expected frame files named like '{Naming.FileName(offset)}'");
        string first = Path.Combine(path, Naming.FileName(offset));
        VideoInfo image = VideoProber.Probe(first, _options);
        return image with
        {
            Path = path,
            Container = "frames",
            FrameCount = count,
            FrameCountSource = FrameCountSource.FrameFiles,
            FrameRate = Naming.FrameRate,
            DurationSeconds = count / Naming.FrameRate,
            IsFrameFolder = true,
            FrameOffset = offset,
        };
    }

    /// <inheritdoc />
    public FrameStack ReadFrames(VideoInfo video, IReadOnlyList<int> indices, FrameSize? size = null)
    {
        var selection = new FrameSelection(indices, video.Path);
        if (selection.Distinct[^1] >= video.FrameCount)
            throw new ArgumentOutOfRangeException(nameof(indices), $"Frame folder '{video.Path}': index {selection.Distinct[^1]} but only {video.FrameCount} frames.");
        return Decode(video, selection, size);
    }

    /// <inheritdoc />
    public FrameStack ReadAllFrames(VideoInfo video, FrameSize? size = null) => Decode(video, null, size);

    private FrameStack Decode(VideoInfo video, FrameSelection? selection, FrameSize? size)
    {
        FrameSize output = size?.Validate(nameof(size)) ?? video.Size;
        string pattern = Path.Combine(Path.GetFullPath(video.Path), ToImagePattern(Naming.FileNameTemplate));
        string[] input =
        [
            "-f", "image2", "-start_number", (Naming.StartIndex + video.FrameOffset).ToString(CultureInfo.InvariantCulture),
            "-framerate", Naming.FrameRate.ToString(CultureInfo.InvariantCulture), "-i", "file:" + pattern,
        ];
        return FfmpegFramePipe.Decode(video.Path, input, 0, output, scale: output != video.Size, selection, video.FrameCount, _options);
    }

    /// <summary>Converts a .NET template with one <c>{0}</c> / <c>{0:Dn}</c> placeholder into ffmpeg's printf pattern.</summary>
    internal static string ToImagePattern(string template)
    {
        Match m = Placeholder().Match(template);
        if (!m.Success || Placeholder().Matches(template).Count != 1)
            throw new ArgumentException($"Frame file template '{template}' must contain exactly one '{{0}}' or '{{0:Dn}}' placeholder.", nameof(template));
        static string Escape(string s) => s.Replace("%", "%%", StringComparison.Ordinal);
        string digits = m.Groups[1].Success ? "%0" + int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + "d" : "%d";
        var sb = new StringBuilder();
        sb.Append(Escape(template[..m.Index])).Append(digits).Append(Escape(template[(m.Index + m.Length)..]));
        return sb.ToString();
    }

    [GeneratedRegex(@"\{0(?::[dD](\d+))?\}")]
    private static partial Regex Placeholder();
}
