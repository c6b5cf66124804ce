using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLVideo.Data;
using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.Readers;

namespace MLVideo;

/// <summary>Video datasets on <c>ml.Data</c>: class folders, mmaction2 list files, a check of videos, and a prefetching view.</summary>
public static class VideoDataCatalog
{
    /// <summary>
    /// Loads a dataset laid out as one sub-folder per class (<c>root/class/video.mp4</c>, or frame folders
    /// <c>root/class/clip/img_00001.jpg</c>), ordered by class then file name. Columns: VideoPath (text), Label (text, the class folder).
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="folder">Root folder.</param>
    /// <param name="badVideoPolicy">Throw (default): a bad file surfaces, naming it, when the pipeline reads it.
    /// SkipAndLog: every video is probed now and bad ones are dropped with a warning on <c>ml.Log</c>.</param>
    /// <param name="options">Timeouts and frame-folder naming (default options when null).</param>
    public static IDataView LoadFromVideoFolder(this DataOperationsCatalog catalog, string folder, BadVideoPolicy badVideoPolicy = BadVideoPolicy.Throw,
        VideoBackendOptions? options = null)
    {
        IHostEnvironment env = Environment(catalog);
        options ??= VideoBackendOptions.Default;
        var entries = VideoFolderScanner.Scan(folder, frameFolder: options.FrameFolder);
        var rows = new List<VideoFolderRow>(entries.Count);
        using (IChannel channel = env.Start(nameof(LoadFromVideoFolder)))
        {
            var handler = new BadVideoHandler(badVideoPolicy, channel.Warning);
            var backend = new VideoBackend(options);
            foreach (var e in entries)
            {
                if (badVideoPolicy == BadVideoPolicy.SkipAndLog && !handler.TryRun(e.Path, () => backend.Probe(e.Path), out _)) continue;
                rows.Add(new VideoFolderRow { VideoPath = e.Path, Label = e.ClassName });
            }
        }
        return catalog.LoadFromEnumerable(rows);
    }

    /// <summary>
    /// Loads an mmaction2 list file: video lists (<c>path label</c>) or rawframe lists (<c>frame_dir total_frames label</c>,
    /// optionally with an offset). Columns: VideoPath (text), Label (text: the label map's class name, else the id),
    /// LabelId (Int32), FrameOffset (Int32), TotalFrames (Int32; 0 for video lists).
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="listFile">The list file.</param>
    /// <param name="root">Folder that listed paths are relative to (default: the list's folder).</param>
    /// <param name="format">Line layout (default: video list).</param>
    /// <param name="labelMap">Optional class names by id (mmaction2 label_map_*.txt).</param>
    /// <remarks>Pass <c>frameOffsetColumnName: "FrameOffset", totalFramesColumnName: "TotalFrames"</c> to <c>LoadVideo</c> for rawframe lists.</remarks>
    public static IDataView LoadFromVideoList(this DataOperationsCatalog catalog, string listFile, string? root = null,
        AnnotationListFormat format = AnnotationListFormat.Videos, LabelMap? labelMap = null)
    {
        Environment(catalog);
        var rows = AnnotationListReader.Read(listFile, format, root).Select(e => new VideoListRow
        {
            VideoPath = e.Path,
            Label = labelMap is null ? e.Label.ToString(CultureInfo.InvariantCulture) : labelMap[e.Label],
            LabelId = e.Label,
            FrameOffset = e.FrameOffset,
            TotalFrames = e.TotalFrames ?? 0,
        }).ToList();
        return catalog.LoadFromEnumerable(rows);
    }

    /// <summary>Checks each video: does it open, frames, fps, size, do the sampled frames decode, and the error. Never throws for a bad video.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="paths">Video files or frame folders.</param>
    /// <param name="sampling">Frames to decode per video (default TSN 8 segments, test mode).</param>
    /// <param name="options">Timeouts and frame-folder naming (default options when null).</param>
    /// <param name="maxDegreeOfParallelism">Videos checked at once (default 2).</param>
    public static IReadOnlyList<VideoCheckReport> CheckVideos(this DataOperationsCatalog catalog, IEnumerable<string> paths, FrameSampling? sampling = null,
        VideoBackendOptions? options = null, int maxDegreeOfParallelism = 2)
    {
        Environment(catalog);
        return VideoChecker.Check(paths, new VideoBackend(options), sampling, maxDegreeOfParallelism);
    }

    /// <summary>Checks the videos named by a text column of <paramref name="data"/> (default "VideoPath"); schema errors as in ML.NET.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="data">Rows with a path column.</param>
    /// <param name="pathColumnName">The text column of paths.</param>
    /// <param name="sampling">Frames to decode per video (default TSN 8 segments, test mode).</param>
    /// <param name="options">Timeouts and frame-folder naming (default options when null).</param>
    public static IReadOnlyList<VideoCheckReport> CheckVideos(this DataOperationsCatalog catalog, IDataView data, string pathColumnName = "VideoPath",
        FrameSampling? sampling = null, VideoBackendOptions? options = null)
    {
        IHostEnvironment env = Environment(catalog);
        ArgumentNullException.ThrowIfNull(data);
        var column = data.Schema.GetColumnOrNull(pathColumnName) ?? throw env.ExceptSchemaMismatch(nameof(data), "input", pathColumnName);
        if (column.Type is not TextDataViewType)
            throw env.ExceptSchemaMismatch(nameof(data), "input", pathColumnName, TextDataViewType.Instance.ToString(), column.Type.ToString());
        var paths = new List<string>();
        using (var cursor = data.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> value = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                paths.Add(value.ToString());
            }
        }
        return catalog.CheckVideos(paths, sampling, options);
    }

    /// <summary>
    /// Computes rows ahead of the consumer on <paramref name="workers"/> background cursors with at most <paramref name="capacity"/>
    /// rows waiting, so decoding (LoadVideo, SampleFrames and the frame transforms) overlaps training. Rows keep their order.
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="data">Usually the output of the video transforms.</param>
    /// <param name="workers">Background cursors (default 2).</param>
    /// <param name="capacity">Rows computed ahead, in total (default 8; at least <paramref name="workers"/>).</param>
    public static IDataView Prefetch(this DataOperationsCatalog catalog, IDataView data, int workers = 2, int capacity = 8)
    {
        Environment(catalog);
        return new PrefetchDataView(data, workers, capacity);
    }

    private static IHostEnvironment Environment(DataOperationsCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.GetEnvironment();
    }
}
