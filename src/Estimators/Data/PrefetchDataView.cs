using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLVideo.Data;

/// <summary>
/// A view that computes rows ahead of its consumer: <c>workers</c> background cursors over the input each take every
/// <c>workers</c>-th row, read the requested columns (which runs the lazy decode, sample and crop steps) and queue a copy; the
/// consumer reads rows in the original order from bounded queues. Training then overlaps decoding with compute.
/// </summary>
/// <remarks>
/// Rows come out in the input's order. Random steps (training-mode sampling, random crops) stay repeatable for a seed and a
/// worker count; another worker count gives other (equally valid) draws, because every background cursor is a pass of its own.
/// An error while computing a row (a bad video) is raised when the consumer reaches that row.
/// </remarks>
internal sealed class PrefetchDataView : IDataView
{
    private readonly IDataView _input;

    public PrefetchDataView(IDataView input, int workers, int capacity)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), $"Workers must be >= 1, got {workers}.");
        if (capacity < workers) throw new ArgumentOutOfRangeException(nameof(capacity), $"Capacity ({capacity}) must be >= workers ({workers}).");
        _input = input;
        Workers = workers;
        Capacity = capacity;
    }

    public int Workers { get; }

    public int Capacity { get; }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema => _input.Schema;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        return new Cursor(this, columnsNeeded.ToArray(), rand?.Next());
    }

    // Rows must come out in order, so the background work is never split into a cursor set.
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private static readonly MethodInfo ValueColumnMethod = typeof(Cursor).GetMethod(nameof(ValueColumn), BindingFlags.NonPublic | BindingFlags.Static)!;
        private static readonly MethodInfo VectorColumnMethod = typeof(Cursor).GetMethod(nameof(VectorColumn), BindingFlags.NonPublic | BindingFlags.Static)!;

        private readonly PrefetchDataView _view;
        private readonly DataViewSchema.Column[] _columns;
        private readonly int[] _slotOf;
        private readonly Delegate[] _deliver;
        private readonly BlockingCollection<object?[]>[] _queues;
        private readonly Task[] _producers;
        private readonly CancellationTokenSource _stop = new();
        private object?[]? _current;
        private volatile ExceptionDispatchInfo? _failure;
        private long _position = -1;

        public Cursor(PrefetchDataView view, DataViewSchema.Column[] columns, int? seed)
        {
            _view = view;
            _columns = columns;
            _slotOf = Enumerable.Repeat(-1, view.Schema.Count).ToArray();
            for (int i = 0; i < columns.Length; i++) _slotOf[columns[i].Index] = i;
            _deliver = columns.Select((c, i) => Accessors(c).Deliver(this, i)).ToArray();
            int perWorker = Math.Max(1, view.Capacity / view.Workers);
            _queues = Enumerable.Range(0, view.Workers).Select(_ => new BlockingCollection<object?[]>(perWorker)).ToArray();
            // Cursors are opened here, in order, so each worker's pass (and so its random draws) is repeatable.
            var cursors = Enumerable.Range(0, view.Workers)
                .Select(_ => view._input.GetRowCursor(columns, seed is int s ? new Random(s) : null)).ToArray();
            _producers = Enumerable.Range(0, view.Workers).Select(w => Task.Run(() => Produce(cursors[w], w))).ToArray();
        }

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => _slotOf[column.Index] >= 0;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool MoveNext()
        {
            var queue = _queues[(int)((_position + 1) % _queues.Length)];
            try
            {
                _current = queue.Take(_stop.Token);
            }
            catch (InvalidOperationException)
            {
                _failure?.Throw();
                _current = null;
                return false; // every producer finished: no more rows
            }
            _position++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            int slot = _slotOf[column.Index];
            if (slot < 0) throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was opened.");
            return _deliver[slot] as ValueGetter<TValue>
                   ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType.Name}, not {typeof(TValue).Name}.");
        }

        internal object? Current(int slot) => (_current ?? throw new InvalidOperationException("The cursor is not on a row."))[slot];

        private void Produce(DataViewRowCursor cursor, int worker)
        {
            using (cursor)
            {
                try
                {
                    var readers = _columns.Select(c => Accessors(c).Read(cursor, c)).ToArray();
                    long row = -1;
                    while (!_stop.IsCancellationRequested && cursor.MoveNext())
                    {
                        if (++row % _queues.Length != worker) continue; // another worker's row: skipped without reading (nothing decoded)
                        var values = new object?[readers.Length];
                        for (int i = 0; i < readers.Length; i++) values[i] = readers[i]();
                        _queues[worker].Add(values, _stop.Token);
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    // Recorded before the queue completes, so the consumer rethrows it (naming the bad video) instead of ending early.
                    _failure ??= ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    _queues[worker].CompleteAdding();
                }
            }
        }

        private static IColumnAccessors Accessors(DataViewSchema.Column column)
        {
            MethodInfo method = column.Type is VectorDataViewType vector
                ? VectorColumnMethod.MakeGenericMethod(vector.ItemType.RawType)
                : ValueColumnMethod.MakeGenericMethod(column.Type.RawType);
            return (IColumnAccessors)method.Invoke(null, null)!;
        }

        private static IColumnAccessors ValueColumn<T>() => new ValueAccessors<T>();

        private static IColumnAccessors VectorColumn<T>() => new VectorAccessors<T>();

        private interface IColumnAccessors
        {
            Func<object?> Read(DataViewRow row, DataViewSchema.Column column);

            Delegate Deliver(Cursor cursor, int slot);
        }

        /// <summary>Scalars: text is copied into a string of its own (its memory may be reused), other values are kept as they are.</summary>
        private sealed class ValueAccessors<T> : IColumnAccessors
        {
            public Func<object?> Read(DataViewRow row, DataViewSchema.Column column)
            {
                var getter = row.GetGetter<T>(column);
                return () =>
                {
                    T value = default!;
                    getter(ref value);
                    return value is ReadOnlyMemory<char> text ? text.ToString().AsMemory() : value;
                };
            }

            public Delegate Deliver(Cursor cursor, int slot) => (ValueGetter<T>)((ref T value) => value = (T)cursor.Current(slot)!);
        }

        /// <summary>Vectors: copied when read (the source reuses its buffers) and copied again into the consumer's buffer.</summary>
        private sealed class VectorAccessors<T> : IColumnAccessors
        {
            public Func<object?> Read(DataViewRow row, DataViewSchema.Column column)
            {
                var getter = row.GetGetter<VBuffer<T>>(column);
                return () =>
                {
                    VBuffer<T> value = default, copy = default;
                    getter(ref value);
                    value.CopyTo(ref copy);
                    return copy;
                };
            }

            public Delegate Deliver(Cursor cursor, int slot) =>
                (ValueGetter<VBuffer<T>>)((ref VBuffer<T> value) => ((VBuffer<T>)cursor.Current(slot)!).CopyTo(ref value));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _stop.Cancel();
                try { Task.WaitAll(_producers); }
                catch (AggregateException) { }
                foreach (var q in _queues) q.Dispose();
                _stop.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
