using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.Readers;

/// <summary>Lists a dataset laid out as one sub-folder per class (<c>root/class/video.mp4</c>, or <c>root/class/clip/img_00001.jpg</c> frame folders).</summary>
public static class VideoFolderScanner
{
    /// <summary>Video file extensions recognised by default.</summary>
    public static IReadOnlyList<string> DefaultExtensions { get; } = [".mp4", ".avi", ".webm", ".mkv", ".mov", ".m4v", ".mpg", ".mpeg", ".gif", ".flv", ".wmv", ".3gp"];

    /// <summary>
    /// Returns every video under a class folder, ordered by class name then file name (ordinal, so the order and the class ids
    /// are the same on every machine). Hidden entries (starting with '.') are ignored; a sub-folder holding frame files
    /// (<paramref name="frameFolder"/> naming) counts as one video.
    /// </summary>
    public static IReadOnlyList<VideoFolderEntry> Scan(string root, IReadOnlyList<string>? extensions = null, FrameFolderOptions? frameFolder = null)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Video folder '{root}' not found.");
        var exts = new HashSet<string>(extensions ?? DefaultExtensions, StringComparer.OrdinalIgnoreCase);
        var naming = frameFolder ?? new FrameFolderOptions();
        var result = new List<VideoFolderEntry>();
        foreach (string classDir in Directory.GetDirectories(root).Where(d => !Hidden(d)).Order(StringComparer.Ordinal))
        {
            string className = Path.GetFileName(classDir);
            var items = new List<string>();
            items.AddRange(Directory.GetFiles(classDir).Where(f => !Hidden(f) && exts.Contains(Path.GetExtension(f))));
            items.AddRange(Directory.GetDirectories(classDir).Where(d => !Hidden(d) && File.Exists(Path.Combine(d, naming.FileName(0)))));
            foreach (string item in items.Order(StringComparer.Ordinal)) result.Add(new VideoFolderEntry(item, className));
        }
        if (result.Count == 0)
            throw new InvalidDataException($"Video folder '{root}' holds no videos: expected one sub-folder per class containing {string.Join("/", exts.Order())} files.");
        return result;
    }

    private static bool Hidden(string path) => Path.GetFileName(path).StartsWith('.');
}
