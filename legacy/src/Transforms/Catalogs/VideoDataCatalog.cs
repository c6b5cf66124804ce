using System.Globalization;
using MLVideo.Data;

using MLVideo.Transforms;

namespace MLVideo;

/// <summary>Video dataset readers on <c>ml.Data</c>: class folders, mmaction2 list files, and a pre-flight check of videos.</summary>
public static class VideoDataCatalog
{
    /// <summary>
    /// Loads a dataset laid out as one sub-folder per class. Columns: VideoPath (String), Label (String, the class folder).
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="folder">Root folder.</param>
    /// <param name="badVideoPolicy">Throw (default): bad files surface, naming the file, when the pipeline reads them.
    /// SkipAndLog: every video is probed now and bad ones are dropped with a warning on <c>ml.Log</c>.</param>
    /// <param name="options">ffmpeg locations, timeouts and frame-folder naming.</param>
    public static IDataView LoadFromVideoFolder(this DataOperationsCatalog catalog, string folder, BadVideoPolicy badVideoPolicy = BadVideoPolicy.Throw,
        VideoBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var entries = VideoFolderScanner.Scan(folder, frameFolder: (options ?? VideoBackendOptions.Default).FrameFolder);
        var rows = new List<VideoFolderRow>(entries.Count);
        var handler = new BadVideoHandler(badVideoPolicy, m => catalog.Context.WriteLog(ChannelMessageKind.Warning, "LoadFromVideoFolder", m));
        var backend = new VideoBackend(options);
        foreach (var e in entries)
        {
            if (badVideoPolicy == BadVideoPolicy.SkipAndLog && !handler.TryRun(e.Path, () => backend.Probe(e.Path), out _)) continue;
            rows.Add(new VideoFolderRow { VideoPath = e.Path, Label = e.ClassName });
        }
        return catalog.LoadFromEnumerable(rows);
    }

    /// <summary>
    /// Loads an mmaction2 list file. Columns: VideoPath (String), Label (Int32), LabelName (String), FrameOffset (Int32), TotalFrames (Int32).
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="listFile">The list file.</param>
    /// <param name="format">Line layout.</param>
    /// <param name="dataRoot">Folder that paths are relative to (default: the list's folder).</param>
    /// <param name="labelMap">Optional class names (LabelName); without it LabelName is the id.</param>
    public static IDataView LoadFromAnnotationList(this DataOperationsCatalog catalog, string listFile, AnnotationListFormat format = AnnotationListFormat.Videos,
        string? dataRoot = null, LabelMap? labelMap = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var rows = AnnotationListReader.Read(listFile, format, dataRoot).Select(e => new AnnotationListRow
        {
            VideoPath = e.Path,
            Label = e.Label,
            LabelName = labelMap is null ? e.Label.ToString(CultureInfo.InvariantCulture) : labelMap[e.Label],
            FrameOffset = e.FrameOffset,
            TotalFrames = e.TotalFrames ?? 0,
        }).ToList();
        return catalog.LoadFromEnumerable(rows);
    }

    /// <summary>Checks each video: opens?, frames, fps, size, do sampled frames decode?, and the error. Never throws for a bad video.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="paths">Video files or frame folders.</param>
    /// <param name="sampling">Frames to decode per video (default TSN 8 segments, test mode).</param>
    /// <param name="options">ffmpeg locations and timeouts.</param>
    /// <param name="maxDegreeOfParallelism">Videos checked at once.</param>
    public static IReadOnlyList<VideoCheckReport> CheckVideos(this DataOperationsCatalog catalog, IEnumerable<string> paths, FrameSampling? sampling = null,
        VideoBackendOptions? options = null, int maxDegreeOfParallelism = 2)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return VideoChecker.Check(paths, new VideoBackend(options), sampling, maxDegreeOfParallelism);
    }

    /// <summary>Checks the videos named by a text column of <paramref name="data"/> (default "VideoPath").</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="data">Rows with a path column.</param>
    /// <param name="pathColumnName">The text column of paths.</param>
    /// <param name="sampling">Frames to decode per video (default TSN 8 segments, test mode).</param>
    /// <param name="options">ffmpeg locations and timeouts.</param>
    public static IReadOnlyList<VideoCheckReport> CheckVideos(this DataOperationsCatalog catalog, IDataView data, string pathColumnName = "VideoPath",
        FrameSampling? sampling = null, VideoBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        var column = data.Schema.GetColumnOrNull(pathColumnName) ?? throw SchemaMismatchException.Missing(nameof(data), "input", pathColumnName, data.Schema);
        if (column.Type is not TextDataViewType) throw SchemaMismatchException.Mismatch(nameof(data), "input", pathColumnName, "String", column.Type.ToString()!);
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
    /// rows waiting, so decoding (LoadVideo/SampleFrames and the frame transforms) overlaps training. Rows keep their order.
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="data">Usually the output of the video transforms.</param>
    /// <param name="workers">Background cursors (default 2).</param>
    /// <param name="capacity">Rows computed ahead, in total (default 8; at least <paramref name="workers"/>).</param>
    public static IDataView Prefetch(this DataOperationsCatalog catalog, IDataView data, int workers = 2, int capacity = 8)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new PrefetchDataView(data, workers, capacity);
    }
}
