using System.Globalization;
using System.Text;

namespace MLVideo.Tensors;

/// <summary>
/// A dense, contiguous, row-major float32 tensor with optional reverse-mode autograd, in the spirit of
/// <c>torch.Tensor</c>. Ops live in partial files (<c>Tensor.Elementwise.cs</c>, <c>Tensor.Conv.cs</c>, ...).
/// </summary>
/// <remarks>
/// Storage is rented from a pool and reference counted; <see cref="Dispose"/> gives it back. Tensors
/// created inside a <see cref="TensorScope"/> are disposed when the scope ends unless moved out of it,
/// which is how training loops keep memory flat without disposing every intermediate by hand.
/// </remarks>
public sealed partial class Tensor : IDisposable
{
    private readonly int[] _shape;
    private TensorStorage _storage;
    internal TensorScope? Scope;

    internal Tensor(int[] shape, TensorStorage storage, bool track = true)
    {
        _shape = shape;
        _storage = storage;
        Count = storage.Length;
        if (track) TensorScope.Current?.Track(this);
    }

    /// <summary>Creates a zero-filled tensor of the given shape.</summary>
    public Tensor(params int[] shape) : this((int[])shape.Clone(), TensorStorage.Rent(ShapeHelper.Count(shape)))
    {
    }

    /// <summary>The shape (a copy is not made: do not mutate).</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The shape as a new array.</summary>
    public int[] ShapeArray => (int[])_shape.Clone();

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements (numel).</summary>
    public int Count { get; }

    /// <summary>Size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public int Size(int dim) => _shape[ShapeHelper.NormalizeDim(dim, Rank)];

    /// <summary>The elements in row-major order. Writing to it bypasses autograd.</summary>
    public Span<float> Data => _storage.Span;

    internal float[] RawArray => _storage.Array;

    internal TensorStorage Storage => _storage;

    /// <summary>True after <see cref="Dispose"/>.</summary>
    public bool IsDisposed => _storage.IsReleased;

    // ---------------------------------------------------------------- autograd state

    private bool _requiresGrad;

    /// <summary>Whether operations on this tensor are recorded for <see cref="Backward"/>. Only leaves may be set by users.</summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!value && GradFn is not null)
                throw new InvalidOperationException("RequiresGrad cannot be turned off on a non-leaf tensor; use Detach() instead.");
            _requiresGrad = value;
        }
    }

    /// <summary>The accumulated gradient of a leaf after <see cref="Backward"/>; null before.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>The node that produced this tensor (null for leaves).</summary>
    public GradNode? GradFn { get; private set; }

    /// <summary>True if the tensor was not produced by a recorded op.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>Records <paramref name="node"/> as the producer of this tensor (op implementations call this).</summary>
    internal void SetGradFn(GradNode node)
    {
        GradFn = node;
        _requiresGrad = true;
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, for chaining.</summary>
    public Tensor RequiresGrad_(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires grad and
    /// accumulates it into their <see cref="Grad"/>. A non-scalar tensor needs an explicit
    /// <paramref name="gradient"/> of its own shape (as in PyTorch).
    /// </summary>
    /// <param name="gradient">Upstream gradient; defaults to 1 for a one-element tensor.</param>
    /// <param name="retainGraph">Keep the saved tensors so backward can run through the graph again.</param>
    public void Backward(Tensor? gradient = null, bool retainGraph = false) =>
        AutogradEngine.Run(this, gradient, retainGraph);

    /// <summary>A new tensor that shares this one's storage but is cut from the graph.</summary>
    public Tensor Detach()
    {
        _storage.AddReference();
        return new Tensor(ShapeArray, _storage);
    }

    /// <summary>Sets the gradient to null (PyTorch's <c>zero_grad(set_to_none=True)</c>).</summary>
    public void ZeroGrad()
    {
        Grad?.Dispose();
        Grad = null;
    }

    // ---------------------------------------------------------------- creation

    /// <summary>A zero-filled tensor.</summary>
    public static Tensor Zeros(params int[] shape) => new(shape);

    /// <summary>A tensor filled with ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var t = new Tensor((int[])shape.Clone(), TensorStorage.Rent(ShapeHelper.Count(shape), clear: false));
        t.Data.Fill(value);
        return t;
    }

    /// <summary>A 0-d tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(float value) => Full(value);

    /// <summary>A tensor with the same shape as <paramref name="other"/>, zero-filled.</summary>
    public static Tensor ZerosLike(Tensor other) => new(other.ShapeArray, TensorStorage.Rent(other.Count));

    /// <summary>A tensor whose contents are not initialised (op implementations overwrite every element).</summary>
    internal static Tensor Uninitialized(int[] shape) => new(shape, TensorStorage.Rent(ShapeHelper.Count(shape), clear: false));

    /// <summary>Copies <paramref name="data"/> into a new tensor of the given shape.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> data, params int[] shape)
    {
        int count = ShapeHelper.Count(shape);
        if (data.Length != count)
            throw new ShapeMismatchException($"FromArray: {data.Length} values do not fill shape {ShapeHelper.Format(shape)} ({count} elements).");
        var t = new Tensor((int[])shape.Clone(), TensorStorage.Rent(count, clear: false));
        data.CopyTo(t.Data);
        return t;
    }

    /// <summary>Values 0, 1, ..., n-1.</summary>
    public static Tensor Arange(int n)
    {
        var t = Uninitialized([n]);
        var d = t.Data;
        for (int i = 0; i < n; i++) d[i] = i;
        return t;
    }

    /// <summary>Standard normal samples from <paramref name="generator"/> (or the default generator).</summary>
    public static Tensor Randn(int[] shape, Generator? generator = null)
    {
        var t = Uninitialized((int[])shape.Clone());
        (generator ?? Generator.Default).FillNormal(t.Data, 0f, 1f);
        return t;
    }

    /// <summary>Uniform samples in [low, high).</summary>
    public static Tensor Rand(int[] shape, float low = 0f, float high = 1f, Generator? generator = null)
    {
        var t = Uninitialized((int[])shape.Clone());
        (generator ?? Generator.Default).FillUniform(t.Data, low, high);
        return t;
    }

    // ---------------------------------------------------------------- access

    /// <summary>The value of a one-element tensor.</summary>
    public float Item()
    {
        if (Count != 1) throw new InvalidOperationException($"Item: tensor of shape {ShapeHelper.Format(_shape)} has {Count} elements, not 1.");
        return Data[0];
    }

    /// <summary>Copies the elements to a new array.</summary>
    public float[] ToArray() => Data.ToArray();

    /// <summary>Element at a full index (slow; for tests and debugging).</summary>
    [System.Runtime.CompilerServices.IndexerName("Element")]
    public float this[params int[] index]
    {
        get => Data[FlatIndex(index)];
        set => Data[FlatIndex(index)] = value;
    }

    private int FlatIndex(int[] index)
    {
        if (index.Length != Rank)
            throw new ArgumentException($"Index of rank {index.Length} for a tensor of shape {ShapeHelper.Format(_shape)}.");
        int flat = 0;
        for (int i = 0; i < index.Length; i++)
        {
            int v = index[i] < 0 ? index[i] + _shape[i] : index[i];
            if ((uint)v >= (uint)_shape[i])
                throw new IndexOutOfRangeException($"Index {index[i]} out of range for dimension {i} of size {_shape[i]}.");
            flat = flat * _shape[i] + v;
        }
        return flat;
    }

    /// <summary>A copy with its own storage, recorded by autograd (gradient passes through unchanged).</summary>
    public Tensor Clone()
    {
        var result = Uninitialized(ShapeArray);
        Data.CopyTo(result.Data);
        if (Autograd.IsRecording(this)) result.SetGradFn(new CloneNode(this));
        return result;
    }

    /// <summary>
    /// A view with another shape sharing this tensor's storage (one dimension may be -1). Autograd
    /// reshapes the gradient back.
    /// </summary>
    public Tensor Reshape(params int[] shape)
    {
        int[] resolved = ResolveShape(shape, Count, "Reshape", _shape);
        _storage.AddReference();
        var result = new Tensor(resolved, _storage);
        if (Autograd.IsRecording(this)) result.SetGradFn(new ReshapeNode(this));
        return result;
    }

    /// <summary>Alias of <see cref="Reshape"/> (all our tensors are contiguous).</summary>
    public Tensor View(params int[] shape) => Reshape(shape);

    /// <summary>Flattens dimensions <paramref name="startDim"/>..<paramref name="endDim"/> into one.</summary>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        if (Rank == 0) return Reshape(1);
        int s = ShapeHelper.NormalizeDim(startDim, Rank), e = ShapeHelper.NormalizeDim(endDim, Rank);
        var shape = new List<int>();
        for (int i = 0; i < s; i++) shape.Add(_shape[i]);
        int merged = 1;
        for (int i = s; i <= e; i++) merged *= _shape[i];
        shape.Add(merged);
        for (int i = e + 1; i < Rank; i++) shape.Add(_shape[i]);
        return Reshape(shape.ToArray());
    }

    internal static int[] ResolveShape(int[] shape, int count, string op, ReadOnlySpan<int> from)
    {
        var resolved = (int[])shape.Clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] == -1)
            {
                if (inferred >= 0) throw new ShapeMismatchException($"{op}: only one dimension can be -1 in {ShapeHelper.Format(shape)}.");
                inferred = i;
            }
            else if (resolved[i] < 0) throw new ShapeMismatchException($"{op}: invalid dimension {resolved[i]} in {ShapeHelper.Format(shape)}.");
            else known *= resolved[i];
        }
        if (inferred >= 0)
        {
            if (known == 0 || count % known != 0)
                throw new ShapeMismatchException($"{op}: shape {ShapeHelper.Format(shape)} is invalid for input of shape {ShapeHelper.Format(from)} ({count} elements).");
            resolved[inferred] = (int)(count / known);
        }
        else if (known != count)
            throw new ShapeMismatchException($"{op}: shape {ShapeHelper.Format(shape)} is invalid for input of shape {ShapeHelper.Format(from)} ({count} elements).");
        return resolved;
    }

    /// <summary>Gives the storage back to the pool. Using the tensor afterwards throws.</summary>
    public void Dispose()
    {
        if (_storage.IsReleased) return;
        _storage.Release();
        _storage = ReleasedStorage;
    }

    private static readonly TensorStorage ReleasedStorage = CreateReleased();

    private static TensorStorage CreateReleased()
    {
        var s = TensorStorage.Rent(0);
        s.Release();
        return s;
    }

    /// <summary>Moves this tensor out of the current <see cref="TensorScope"/> so it survives the scope's end.</summary>
    public Tensor MoveToOuterScope()
    {
        Scope?.Untrack(this);
        return this;
    }

    /// <summary>Shape and the first values, e.g. <c>Tensor[2, 3] (1, 2, 3, ...)</c>.</summary>
    public override string ToString()
    {
        if (IsDisposed) return $"Tensor{ShapeHelper.Format(_shape)} (disposed)";
        var sb = new StringBuilder("Tensor").Append(ShapeHelper.Format(_shape)).Append(" (");
        var d = Data;
        for (int i = 0; i < Math.Min(d.Length, 8); i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(d[i].ToString("G6", CultureInfo.InvariantCulture));
        }
        if (d.Length > 8) sb.Append(", ...");
        if (GradFn is not null) sb.Append("), grad_fn=").Append(GradFn.Name);
        else sb.Append(')');
        return sb.ToString();
    }
}

public sealed partial class Tensor
{
    /// <summary>Removes this tensor from every scope: only an explicit <see cref="Dispose"/> frees it.</summary>
    public Tensor MoveToOuterScopeFully()
    {
        TensorScope.UntrackFully(this);
        return this;
    }
}
