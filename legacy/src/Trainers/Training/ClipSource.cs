using MLVideo.Data;

namespace MLVideo.Trainers.Training;

/// <summary>
/// Reads labelled clips from a data view for the training loop: each view of a row becomes one training clip.
/// Rows with a missing label (key 0) are skipped with a warning. With caching, the pipeline runs once and later
/// epochs shuffle the clips in memory; without, every epoch reads the pipeline again (fresh random sampling).
/// </summary>
internal sealed class ClipSource
{
    private readonly MLVideoContext _context;
    private readonly IDataView _data;
    private readonly DataViewSchema.Column _features;
    private readonly DataViewSchema.Column _label;
    private readonly bool _cache;
    private List<LabeledClip>? _cached;

    public ClipSource(MLVideoContext context, IDataView data, string featureColumnName, string labelColumnName, int numSegments, int numClasses, bool cache)
    {
        _context = context;
        _data = data;
        _features = data.Schema.GetColumnOrNull(featureColumnName) ?? throw SchemaMismatchException.Missing(nameof(data), "feature", featureColumnName, data.Schema);
        _label = data.Schema.GetColumnOrNull(labelColumnName) ?? throw SchemaMismatchException.Missing(nameof(data), "label", labelColumnName, data.Schema);
        if (_label.Type is not KeyDataViewType key || key.RawType != typeof(uint))
            throw SchemaMismatchException.Mismatch(nameof(data), "label", labelColumnName, "Key<UInt32> (use MapValueToKey)", _label.Type.ToString()!);
        if ((int)key.Count != numClasses)
            throw SchemaMismatchException.Mismatch(nameof(data), "label", labelColumnName, $"Key<UInt32, 0-{numClasses - 1}> (the training labels)", _label.Type.ToString()!);
        Geometry = ClipGeometry.FromColumn(_features, numSegments, nameof(data));
        _cache = cache;
    }

    /// <summary>The feature geometry of every row.</summary>
    public ClipGeometry Geometry { get; }

    /// <summary>Clips of one epoch, shuffled with <paramref name="random"/> when given, else in data order.</summary>
    public IEnumerable<LabeledClip> Epoch(Random? random, CancellationToken cancellation)
    {
        if (_cache)
        {
            _cached ??= ReadAll(null, cancellation).ToList();
            if (random is null) return _cached;
            var order = Enumerable.Range(0, _cached.Count).ToArray();
            random.Shuffle(order);
            return order.Select(i => _cached[i]);
        }
        var source = random is null ? _data : _context.Data.ShuffleRows(_data, random.Next(), shufflePoolSize: 1000);
        return ReadAll(source, cancellation);
    }

    /// <summary>Number of clips (reads the data once when not cached).</summary>
    public int Count(CancellationToken cancellation) => _cache ? (_cached ??= ReadAll(null, cancellation).ToList()).Count : ReadAll(null, cancellation).Count();

    private float[][] SplitViews(VBuffer<float> pixels, long position, int viewLength)
    {
        var values = pixels.GetValues();
        if (values.Length != Geometry.RowLength)
            throw new InvalidOperationException($"Column '{_features.Name}', row {position}: {values.Length} values, but its type promises {Geometry.RowLength}.");
        var views = new float[Geometry.Views][];
        for (int v = 0; v < views.Length; v++) views[v] = values.Slice(v * viewLength, viewLength).ToArray();
        return views;
    }

    private IEnumerable<LabeledClip> ReadAll(IDataView? source, CancellationToken cancellation)
    {
        source ??= _data;
        var features = source.Schema[_features.Name];
        var label = source.Schema[_label.Name];
        using var cursor = source.GetRowCursor([features, label]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        var getLabel = cursor.GetGetter<uint>(label);
        VBuffer<float> pixels = default;
        uint key = 0;
        int viewLength = Geometry.ViewLength, skipped = 0;
        while (cursor.MoveNext())
        {
            cancellation.ThrowIfCancellationRequested();
            getLabel(ref key);
            if (key == 0)
            {
                skipped++;
                continue;
            }
            getFeatures(ref pixels);
            foreach (var view in SplitViews(pixels, cursor.Position, viewLength))
                yield return new LabeledClip(view, (int)key - 1);
        }
        if (skipped > 0)
            _context.WriteLog(ChannelMessageKind.Warning, "VideoTrainer", $"{skipped} row(s) with a missing label in '{_label.Name}' were skipped.");
    }
}
