using System.Collections.Concurrent;
using System.Reflection;
using MLVideo.Data;

namespace MLVideo.Transforms;

/// <summary>
/// A view that computes rows ahead of its consumer: <c>workers</c> background cursors over the input each take every
/// <c>workers</c>-th row, read the requested columns (which runs the lazy decode/sample/crop steps) and queue a copy; the
/// consumer reads rows in the original order from bounded queues. Training then overlaps decoding with compute.
/// </summary>
/// <remarks>
/// Rows come out in the input's order. Random steps (train-mode sampling, random crops) stay repeatable for a seed and a worker
/// count; a different worker count gives different (equally valid) random draws, because every background cursor is one pass.
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
        var columns = columnsNeeded.ToArray();
        int? seed = rand?.Next();
        return new Cursor(this, columns, seed);
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private static readonly MethodInfo ReaderMethod = typeof(Cursor).GetMethod(nameof(Reader), BindingFlags.NonPublic | BindingFlags.Static)!;
        private readonly PrefetchDataView _view;
        private readonly DataViewSchema.Column[] _columns;
        private readonly int[] _slotOf;
        private readonly BlockingCollection<object?[]>[] _queues;
        private readonly Task[] _producers;
        private readonly CancellationTokenSource _stop = new();
        private object?[]? _current;
        private volatile System.Runtime.ExceptionServices.ExceptionDispatchInfo? _failure;
        private long _position = -1;

        public Cursor(PrefetchDataView view, DataViewSchema.Column[] columns, int? seed)
        {
            _view = view;
            _columns = columns;
            _slotOf = Enumerable.Repeat(-1, view.Schema.Count).ToArray();
            for (int i = 0; i < columns.Length; i++) _slotOf[columns[i].Index] = i;
            int perWorker = Math.Max(1, view.Capacity / view.Workers);
            _queues = Enumerable.Range(0, view.Workers).Select(_ => new BlockingCollection<object?[]>(perWorker)).ToArray();
            // Cursors are opened here, in order, so each worker's pass number (and thus its random draws) is repeatable.
            var cursors = Enumerable.Range(0, view.Workers)
                .Select(_ => view._input.GetRowCursor(columns, seed is int s ? new Random(s) : null)).ToArray();
            _producers = Enumerable.Range(0, view.Workers).Select(w => Task.Run(() => Produce(cursors[w], w))).ToArray();
        }

        public override long Position => _position;

        public override DataViewSchema Schema => _view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => _slotOf[column.Index] >= 0;

        public override bool MoveNext()
        {
            var queue = _queues[(int)((_position + 1) % _queues.Length)];
            object?[] row;
            try
            {
                row = queue.Take(_stop.Token);
            }
            catch (InvalidOperationException)
            {
                RethrowProducerFailure();
                _current = null;
                return false; // completed: no more rows
            }
            _current = row;
            _position++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            int slot = _slotOf[column.Index];
            if (slot < 0) throw InactiveColumn(column);
            if (typeof(TValue) != column.Type.RawType) throw WrongGetterType<TValue>(column);
            return (ref TValue value) =>
            {
                if (_current is null) throw new InvalidOperationException("The cursor is not on a row.");
                ValueCopier<TValue>.Copy((TValue)_current[slot]!, ref value);
            };
        }

        private void Produce(DataViewRowCursor cursor, int worker)
        {
            using (cursor)
            {
                try
                {
                    var readers = _columns.Select(c => (Func<object?>)ReaderMethod.MakeGenericMethod(c.Type.RawType).Invoke(null, [cursor, c])!).ToArray();
                    long row = -1;
                    while (!_stop.IsCancellationRequested && cursor.MoveNext())
                    {
                        if (++row % _queues.Length != worker) continue; // another worker's row: skipped without reading (lazy: no decode)
                        var values = new object?[readers.Length];
                        for (int i = 0; i < readers.Length; i++) values[i] = readers[i]();
                        _queues[worker].Add(values, _stop.Token);
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
                catch (Exception e)
                {
                    // Recorded before the queue completes, so the consumer rethrows it (naming the bad video) instead of ending early.
                    _failure ??= System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    _queues[worker].CompleteAdding();
                }
            }
        }

        /// <summary>A reader that copies the current value of <paramref name="column"/> (vectors into a fresh buffer).</summary>
        private static Func<object?> Reader<T>(DataViewRow row, DataViewSchema.Column column)
        {
            var getter = row.GetGetter<T>(column);
            return () =>
            {
                T value = default!;
                getter(ref value);
                T copy = default!;
                ValueCopier<T>.Copy(value, ref copy);
                return copy;
            };
        }

        private void RethrowProducerFailure() => _failure?.Throw();

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
