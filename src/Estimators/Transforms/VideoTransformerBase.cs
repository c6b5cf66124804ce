using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLVideo.Data;
using MLVideo.MlNetSeam;

namespace MLVideo.Transforms;

/// <summary>
/// Base of the video transformers: ML.NET row-to-row transformers that compute a column only when a cursor asks for it,
/// once per row, with per-row random streams that are repeatable for a seed and fresh on every pass (epoch).
/// </summary>
/// <remarks>
/// The random stream of a row depends on the seed, the row's id and how many times this transformer has drawn for that row
/// before: the first pass over the data draws visit 1 of every row, the second pass visit 2, and so on. Neither the cursor
/// nor the row's position takes part, because ML.NET may split a pass over several parallel cursors in any order.
/// </remarks>
/// <remarks>
/// Saved format, common to every video transformer (<c>*** Binary format ***</c>): output column name, input column name
/// (both from the string table), then the seed as an int32. Each transformer writes its own fields after these.
/// </remarks>
public abstract class VideoTransformerBase : RowToRowTransformerBase
{
    private readonly ConcurrentDictionary<DataViewRowId, int> _visits = new();

    private protected VideoTransformerBase(IHost host, string outputColumnName, string inputColumnName, int seed)
        : base(host)
    {
        MlNetVersion.EnsureSupported();
        if (string.IsNullOrEmpty(outputColumnName)) throw new ArgumentException("The output column name must not be empty.", nameof(outputColumnName));
        if (string.IsNullOrEmpty(inputColumnName)) throw new ArgumentException("The input column name must not be empty.", nameof(inputColumnName));
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Seed = seed;
    }

    /// <summary>The column written.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column read.</summary>
    public string InputColumnName { get; }

    /// <summary>Seed of the per-row random streams (training offsets, random crops, flips); unused by deterministic steps.</summary>
    public int Seed { get; }

    /// <summary>The estimator side of schema propagation: checks the input columns and adds the output columns.</summary>
    internal abstract SchemaShape PropagateSchema(SchemaShape inputSchema);

    /// <summary>Writes this transformer: the common fields, then <see cref="SaveFields"/>.</summary>
    protected override void SaveModel(ModelSaveContext ctx)
    {
        Host.CheckValue(ctx, nameof(ctx));
        ctx.CheckAtModel();
        ctx.SetVersionInfo(VersionInfo);
        ctx.SaveNonEmptyString(OutputColumnName);
        ctx.SaveNonEmptyString(InputColumnName);
        ctx.Writer.Write(Seed);
        SaveFields(ctx);
    }

    /// <summary>The version of this transformer's saved format.</summary>
    private protected abstract VersionInfo VersionInfo { get; }

    /// <summary>Writes the fields that follow the common ones.</summary>
    private protected abstract void SaveFields(ModelSaveContext ctx);

    /// <summary>Checks the saved format and reads the common fields (column names and seed).</summary>
    private protected static (string Output, string Input, int Seed) LoadCommon(IHostEnvironment env, ModelLoadContext ctx, VersionInfo version,
        string component)
    {
        Contracts.CheckValue(env, nameof(env));
        env.CheckValue(ctx, nameof(ctx));
        VideoModelFormat.EnsureReadable(ctx, version, component);
        ctx.CheckAtModel(version);
        string output = ctx.LoadNonEmptyString();
        string input = ctx.LoadNonEmptyString();
        int seed = ctx.Reader.ReadInt32();
        return (output, input, seed);
    }

    /// <summary>The random stream for the next visit of row <paramref name="id"/> (see the remarks on this class).</summary>
    private protected Random NextRandom(DataViewRowId id)
    {
        int visit = _visits.AddOrUpdate(id, 1, (_, v) => v + 1);
        return new Random(RowSeed(Seed, visit, id.High, id.Low));
    }

    /// <summary>
    /// Mixes (seed, visit, row id) into one seed with SplitMix64 steps. Not <see cref="HashCode"/>: it is randomised per process,
    /// and a saved model must draw the same crops and offsets in every process.
    /// </summary>
    internal static int RowSeed(int seed, int visit, ulong idHigh, ulong idLow)
    {
        ulong h = Mix((ulong)(uint)seed);
        h = Mix(h ^ (ulong)(uint)visit);
        h = Mix(h ^ idHigh);
        h = Mix(h ^ idLow);
        return (int)(h >> 33);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Finds input column <paramref name="name"/> and checks its type, with ML.NET's schema errors (column, expected, actual).</summary>
    private protected DataViewSchema.Column RequireInput(DataViewSchema schema, string name, Func<DataViewType, bool> isValid, string expected)
    {
        var column = schema.GetColumnOrNull(name) ?? throw Host.ExceptSchemaMismatch(nameof(schema), "input", name);
        return isValid(column.Type) ? column : throw Host.ExceptSchemaMismatch(nameof(schema), "input", name, expected, column.Type.ToString());
    }

    /// <summary>The estimator-side twin of <see cref="RequireInput(DataViewSchema, string, Func{DataViewType, bool}, string)"/>.</summary>
    private protected SchemaShape.Column RequireInput(SchemaShape shape, string name, Func<SchemaShape.Column, bool> isValid, string expected)
    {
        Host.CheckValue(shape, nameof(shape));
        if (!shape.TryFindColumn(name, out var column)) throw Host.ExceptSchemaMismatch(nameof(shape), "input", name);
        return isValid(column) ? column : throw Host.ExceptSchemaMismatch(nameof(shape), "input", name, expected, column.GetTypeString());
    }

    /// <summary>Requires a clip input column; returns its type.</summary>
    private protected ClipDataViewType RequireClip(DataViewSchema schema, string name) =>
        (ClipDataViewType)RequireInput(schema, name, t => t is ClipDataViewType, "Clip").Type;

    /// <summary>Requires a clip input column in a schema shape; returns its type.</summary>
    private protected ClipDataViewType RequireClip(SchemaShape shape, string name) =>
        (ClipDataViewType)RequireInput(shape, name, c => c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType is ClipDataViewType, "Clip").ItemType;

    /// <summary>The input schema shape with <paramref name="added"/> columns added or replaced.</summary>
    private protected static SchemaShape WithColumns(SchemaShape input, params SchemaShape.Column[] added)
    {
        var columns = input.ToDictionary(c => c.Name);
        foreach (var c in added) columns[c.Name] = c;
        return new SchemaShape(columns.Values);
    }

    /// <summary>A scalar schema-shape column of <paramref name="type"/>.</summary>
    private protected static SchemaShape.Column Scalar(string name, DataViewType type) => new(name, SchemaShape.Column.VectorKind.Scalar, type, false);

    /// <summary>
    /// The row mapper of a video transformer. Each cursor gets its own getters that share one per-cursor state, so several
    /// outputs of one row (a clip and its frame indices) come from one computation.
    /// </summary>
    private protected abstract class VideoMapper : MapperBase
    {
        private readonly VideoTransformerBase _owner;
        private readonly int[] _inputs;

        protected VideoMapper(VideoTransformerBase parent, DataViewSchema inputSchema, params DataViewSchema.Column[] inputs)
            : base(parent.Host.Register(parent.GetType().Name + "Mapper"), inputSchema, parent)
        {
            _owner = parent;
            _inputs = inputs.Select(c => c.Index).ToArray();
        }

        /// <summary>Makes the getter of output <paramref name="outputIndex"/> for one cursor; <paramref name="state"/> is shared by that cursor's getters.</summary>
        protected abstract Delegate MakeGetter(DataViewRow input, int outputIndex, CursorState state);

        public sealed override Delegate[] CreateGetters(DataViewRow input, Func<int, bool> activeOutput, out Action? disposer)
        {
            var state = new CursorState(_owner, input);
            int n = OutputColumns.Value.Length;
            var getters = new Delegate[n];
            for (int i = 0; i < n; i++)
                if (activeOutput(i)) getters[i] = MakeGetter(input, i, state);
            disposer = null;
            return getters;
        }

        protected sealed override Delegate MakeGetter(DataViewRow input, int iinfo, Func<int, bool> activeOutput, out Action? disposer)
        {
            disposer = null;
            return MakeGetter(input, iinfo, new CursorState(_owner, input));
        }

        protected sealed override Func<int, bool> GetDependenciesCore(Func<int, bool> activeOutput)
        {
            bool any = Enumerable.Range(0, OutputColumns.Value.Length).Any(activeOutput);
            return column => any && _inputs.Contains(column);
        }

        protected sealed override void SaveModel(ModelSaveContext ctx) => _owner.SaveModel(ctx);
    }

    /// <summary>What the getters of one cursor share: the values computed for the current row, and its random stream.</summary>
    private protected sealed class CursorState(VideoTransformerBase owner, DataViewRow row)
    {
        private const int RandomSlot = -1;
        private readonly ValueGetter<DataViewRowId> _id = row.GetIdGetter();
        private long _position = -1;
        private readonly Dictionary<int, object?> _values = [];

        /// <summary>The random stream of the current row, drawn once per row of this cursor.</summary>
        public Random Random() => Get(row.Position, RandomSlot, () =>
        {
            DataViewRowId id = default;
            _id(ref id);
            return owner.NextRandom(id);
        });

        /// <summary>The value of slot <paramref name="slot"/> for the row at <paramref name="position"/>, computed at most once per row.</summary>
        public T Get<T>(long position, int slot, Func<T> compute)
        {
            if (position != _position)
            {
                _values.Clear();
                _position = position;
            }
            if (_values.TryGetValue(slot, out object? cached)) return (T)cached!;
            T value = compute();
            _values[slot] = value;
            return value;
        }
    }
}
