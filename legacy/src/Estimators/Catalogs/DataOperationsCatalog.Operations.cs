using MLVideo.Data;

namespace MLVideo;

public sealed partial class DataOperationsCatalog
{
    /// <summary>
    /// Splits <paramref name="data"/> into train and test sets. Each row (or, with
    /// <paramref name="samplingKeyColumnName"/>, each group of rows sharing that column's value) goes to
    /// the test set with probability <paramref name="testFraction"/>; the split is repeatable for a seed.
    /// As in ML.NET the fraction is met in expectation, not exactly.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="testFraction">Fraction of rows for the test set, in [0, 1]. Default 0.1.</param>
    /// <param name="samplingKeyColumnName">A scalar text, number, Boolean or key column whose equal values stay together; null for none.</param>
    /// <param name="seed">Seed of the split; null draws one from the context.</param>
    public TrainTestData TrainTestSplit(IDataView data, double testFraction = 0.1, string? samplingKeyColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(testFraction >= 0 && testFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "testFraction must be in [0, 1].");
        var sampler = new RowSampler(data.Schema, samplingKeyColumnName, seed ?? Context.NextSeed());
        IDataView Part(bool test) => new FilteredDataView(data, sampler.Columns, cursor =>
        {
            var u = sampler.Bind(cursor);
            return () => (u() < testFraction) == test;
        }, sampler.IsOrderDependent);
        return new TrainTestData(Part(test: false), Part(test: true));
    }

    /// <summary>
    /// Rows in a random order. A shufflable input (<see cref="IDataView.CanShuffle"/>) is shuffled
    /// completely when <paramref name="shuffleSource"/>; otherwise rows pass through a random pool of
    /// <paramref name="shufflePoolSize"/> rows. Cursors created without a generator all see the same order.
    /// </summary>
    /// <param name="input">The data.</param>
    /// <param name="seed">Seed of the order; null draws one from the context.</param>
    /// <param name="shufflePoolSize">Rows held in the pool. Default 1000.</param>
    /// <param name="shuffleSource">Whether to ask a shufflable input for a shuffled order. Default true.</param>
    public IDataView ShuffleRows(IDataView input, int? seed = null, int shufflePoolSize = 1000, bool shuffleSource = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(shufflePoolSize, 1);
        return new ShuffledDataView(input, seed ?? Context.NextSeed(), shufflePoolSize, shuffleSource);
    }

    /// <summary>The first <paramref name="count"/> rows.</summary>
    public IDataView TakeRows(IDataView input, long count)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new TakeRowsDataView(input, count);
    }

    /// <summary>All rows but the first <paramref name="count"/>.</summary>
    public IDataView SkipRows(IDataView input, long count)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new SkipRowsDataView(input, count);
    }

    /// <summary>
    /// Keeps values in memory once read: the first cursor over a column reads the input, later cursors
    /// read memory. <paramref name="columnsToPrefetch"/> are cached on the first cursor even if not asked for.
    /// </summary>
    public IDataView Cache(IDataView input, params string[] columnsToPrefetch)
    {
        ArgumentNullException.ThrowIfNull(input);
        var indices = columnsToPrefetch.Select(name =>
            (input.Schema.GetColumnOrNull(name) ?? throw SchemaMismatchException.Missing(nameof(columnsToPrefetch), "prefetch", name, input.Schema)).Index);
        return new CacheDataView(input, indices.ToList());
    }

    /// <summary>
    /// Keeps rows whose <paramref name="columnName"/> value v satisfies
    /// <paramref name="lowerBound"/> &lt;= v &lt; <paramref name="upperBound"/>; NaN values are dropped.
    /// </summary>
    /// <param name="input">The data.</param>
    /// <param name="columnName">A Single or Double column.</param>
    /// <param name="lowerBound">Inclusive lower bound. Default negative infinity.</param>
    /// <param name="upperBound">Exclusive upper bound. Default positive infinity.</param>
    public IDataView FilterRowsByColumn(IDataView input, string columnName, double lowerBound = double.NegativeInfinity, double upperBound = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(lowerBound < upperBound)) throw new ArgumentOutOfRangeException(nameof(upperBound), $"upperBound {upperBound} must exceed lowerBound {lowerBound}.");
        var column = input.Schema.GetColumnOrNull(columnName) ?? throw SchemaMismatchException.Missing(nameof(columnName), "filter", columnName, input.Schema);
        if (column.Type != NumberDataViewType.Single && column.Type != NumberDataViewType.Double)
            throw SchemaMismatchException.Mismatch(nameof(columnName), "filter", columnName, "Single or Double", column.Type.ToString()!);
        bool isSingle = column.Type == NumberDataViewType.Single;
        return new FilteredDataView(input, [column], cursor =>
        {
            if (isSingle)
            {
                var getter = cursor.GetGetter<float>(column);
                float f = 0;
                return () => { getter(ref f); return f >= lowerBound && f < upperBound; };
            }
            var dgetter = cursor.GetGetter<double>(column);
            double d = 0;
            return () => { dgetter(ref d); return d >= lowerBound && d < upperBound; };
        }, orderDependent: false);
    }

    /// <summary>
    /// Loads a delimited text file with the given columns (lazily: each cursor reads the file).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Columns to load: name, kind and source field(s).</param>
    /// <param name="separatorChar">Field separator. Default tab, as in ML.NET.</param>
    /// <param name="hasHeader">Whether the first line is a header to skip. Default false.</param>
    /// <param name="allowQuoting">Whether fields may be double-quoted. Default false.</param>
    /// <param name="trimWhitespace">Whether to trim spaces around fields. Default false.</param>
    public IDataView LoadFromTextFile(string path, TextLoader.Column[] columns, char separatorChar = '\t', bool hasHeader = false,
        bool allowQuoting = false, bool trimWhitespace = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        return new TextLoaderDataView(path, columns, separatorChar, hasHeader, allowQuoting, trimWhitespace);
    }

    /// <summary>
    /// Loads a delimited text file into the columns of <typeparamref name="TInput"/>: each field or
    /// property names its source field(s) with <see cref="LoadColumnAttribute"/>.
    /// </summary>
    public IDataView LoadFromTextFile<TInput>(string path, char separatorChar = '\t', bool hasHeader = false,
        bool allowQuoting = false, bool trimWhitespace = false)
    {
        var columns = new List<TextLoader.Column>();
        foreach (var member in RowTypeMapping.For(typeof(TInput)).Columns)
        {
            var load = member.Load ?? throw new InvalidOperationException(
                $"{typeof(TInput).Name}.{member.Member.Name} has no [LoadColumn] attribute; every column loaded from text needs one (or mark it [NoColumn]).");
            if (member.ColumnType is VectorDataViewType vector)
            {
                if (vector.IsKnownSize && vector.Size != load.Sources.Count)
                    throw new InvalidOperationException($"{typeof(TInput).Name}.{member.Member.Name}: [VectorType] size {vector.Size} differs from the {load.Sources.Count} [LoadColumn] fields.");
                columns.Add(new TextLoader.Column(member.Name, vector.ItemType, load.Sources.ToArray(), isVector: true));
            }
            else if (member.ColumnType is PrimitiveDataViewType primitive)
            {
                if (load.Sources.Count != 1)
                    throw new InvalidOperationException($"{typeof(TInput).Name}.{member.Member.Name} is a scalar but [LoadColumn] names {load.Sources.Count} fields; use an array.");
                columns.Add(new TextLoader.Column(member.Name, primitive, load.Sources.ToArray(), isVector: false));
            }
            else
            {
                throw new InvalidOperationException($"{typeof(TInput).Name}.{member.Member.Name}: columns of type {member.ColumnType} cannot be loaded from text.");
            }
        }
        return LoadFromTextFile(path, columns.ToArray(), separatorChar, hasHeader, allowQuoting, trimWhitespace);
    }
}
