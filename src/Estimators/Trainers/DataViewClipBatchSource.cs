using Microsoft.ML;
using Microsoft.ML.Data;
using MLVideo.Trainers.Training;

namespace MLVideo;

/// <summary>
/// Serves the training loop from an ML.NET data view: each view of a row (clips x crops) becomes one training clip
/// with the row's label. Rows with a missing label (key 0) are skipped. Every pass reads the pipeline again, so
/// random sampling and crops differ per epoch (the papers' augmentation); a shuffled pass goes through ML.NET's
/// ShuffleRows with the epoch's seed. The decoding runs on the loop's prefetch thread, not the training thread.
/// </summary>
internal sealed class DataViewClipBatchSource : IClipBatchSource
{
    private readonly DataOperationsCatalog _dataCatalog;
    private readonly IDataView _data;
    private readonly string _features;
    private readonly string _label;
    private readonly ClipGeometry _geometry;
    private readonly Lazy<int> _count;

    public DataViewClipBatchSource(Microsoft.ML.Runtime.IHostEnvironment env, IDataView data, string featureColumnName, string labelColumnName, ClipGeometry geometry)
    {
        _dataCatalog = new DataOperationsCatalog(env);
        _data = data;
        _features = featureColumnName;
        _label = labelColumnName;
        _geometry = geometry;
        // Counting reads only the label column, so no video is decoded for it.
        _count = new Lazy<int>(() => CountLabelled() * geometry.Views);
    }

    /// <inheritdoc />
    public int Count => _count.Value;

    /// <summary>Rows skipped for a missing label in the last pass.</summary>
    public int SkippedRows { get; private set; }

    /// <inheritdoc />
    public IEnumerable<ClipBatch> GetBatches(int batchSize, int? shuffleSeed, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        IDataView source = shuffleSeed is int seed ? _dataCatalog.ShuffleRows(_data, seed, shufflePoolSize: 1000) : _data;
        return Batches(source, batchSize, cancellationToken);
    }

    /// <summary>Reads every labelled clip once, in data order (for an in-memory cache).</summary>
    public (List<float[]> Clips, List<long> Labels) ReadAll(CancellationToken cancellationToken)
    {
        var clips = new List<float[]>();
        var labels = new List<long>();
        foreach (var (view, label) in Clips(_data, cancellationToken))
        {
            clips.Add(view);
            labels.Add(label);
        }
        return (clips, labels);
    }

    private IEnumerable<ClipBatch> Batches(IDataView source, int batchSize, CancellationToken cancellationToken)
    {
        int viewLength = _geometry.ViewLength;
        var data = new List<float[]>(batchSize);
        var labels = new List<long>(batchSize);
        foreach (var (view, label) in Clips(source, cancellationToken))
        {
            data.Add(view);
            labels.Add(label);
            if (data.Count == batchSize)
            {
                yield return Pack(data, labels, viewLength);
                data.Clear();
                labels.Clear();
            }
        }
        if (data.Count > 0) yield return Pack(data, labels, viewLength);
    }

    private ClipBatch Pack(List<float[]> views, List<long> labels, int viewLength)
    {
        var values = new float[views.Count * viewLength];
        for (int i = 0; i < views.Count; i++) views[i].CopyTo(values, i * viewLength);
        return new ClipBatch(values, labels.ToArray(), [views.Count, _geometry.Frames, _geometry.Channels, _geometry.Height, _geometry.Width]);
    }

    private IEnumerable<(float[] View, long Label)> Clips(IDataView source, CancellationToken cancellationToken)
    {
        var features = source.Schema[_features];
        var label = source.Schema[_label];
        using var cursor = source.GetRowCursor([features, label]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        var getLabel = cursor.GetGetter<uint>(label);
        VBuffer<float> pixels = default;
        uint key = 0;
        int skipped = 0;
        while (cursor.MoveNext())
        {
            cancellationToken.ThrowIfCancellationRequested();
            getLabel(ref key);
            if (key == 0)
            {
                skipped++;
                continue;
            }
            getFeatures(ref pixels);
            var values = pixels.DenseValues().ToArray();
            if (values.Length != _geometry.RowLength)
                throw new InvalidOperationException($"Column '{_features}', row {cursor.Position}: {values.Length} values, but its type promises {_geometry.RowLength}.");
            for (int v = 0; v < _geometry.Views; v++)
                yield return (values.AsSpan(v * _geometry.ViewLength, _geometry.ViewLength).ToArray(), key - 1);
        }
        SkippedRows = skipped;
    }

    private int CountLabelled()
    {
        var label = _data.Schema[_label];
        using var cursor = _data.GetRowCursor([label]);
        var getLabel = cursor.GetGetter<uint>(label);
        uint key = 0;
        int n = 0;
        while (cursor.MoveNext())
        {
            getLabel(ref key);
            if (key != 0) n++;
        }
        return n;
    }
}
