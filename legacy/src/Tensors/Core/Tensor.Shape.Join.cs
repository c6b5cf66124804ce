using System.Text;
using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// OWNER: shape-ops helper. Joining tensors and splitting one. With the tensors viewed as (rows, columns)
// around the join dimension, each part is a block of columns, so every copy is one span copy per row.
public sealed partial class Tensor
{
    /// <summary>Splits into pieces of <paramref name="splitSize"/> along <paramref name="dim"/> (the last may be smaller; an empty dimension gives one empty piece).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range, or <paramref name="splitSize"/> is negative or 0 for a non-empty dimension.</exception>
    public Tensor[] Split(int splitSize, int dim = 0)
    {
        int d = DimOfNonScalar(dim, "Split");
        int n = _shape[d];
        if (splitSize < 0 || (splitSize == 0 && n > 0))
            throw new ArgumentOutOfRangeException(nameof(splitSize), splitSize, $"Split: split size must be positive for dimension {d} of size {n} (input {ShapeHelper.Format(_shape)}).");
        int parts = n == 0 ? 1 : (n + splitSize - 1) / splitSize;
        var sizes = new int[parts];
        for (int i = 0; i < parts; i++) sizes[i] = Math.Min(splitSize, n - i * splitSize);
        return SplitCore(sizes, d);
    }

    /// <summary>Splits into pieces of the given sizes along <paramref name="dim"/>.</summary>
    /// <exception cref="ShapeMismatchException">The sizes do not add up to the dimension's size.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range or a size is negative.</exception>
    public Tensor[] Split(int[] sizes, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int d = DimOfNonScalar(dim, "Split");
        long sum = 0;
        foreach (int s in sizes)
        {
            if (s < 0)
                throw new ArgumentOutOfRangeException(nameof(sizes), s, $"Split: negative size in {ShapeHelper.Format(sizes)} (input {ShapeHelper.Format(_shape)}).");
            sum += s;
        }
        if (sum != _shape[d])
            throw new ShapeMismatchException($"Split: sizes {ShapeHelper.Format(sizes)} add up to {sum}, but dimension {d} of input {ShapeHelper.Format(_shape)} has size {_shape[d]}.");
        return SplitCore((int[])sizes.Clone(), d);
    }

    /// <summary>
    /// Splits into <paramref name="chunks"/> nearly equal pieces of ceil(size / chunks) (as in PyTorch this can give
    /// fewer pieces; an empty dimension gives <paramref name="chunks"/> empty pieces).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range or <paramref name="chunks"/> is not positive.</exception>
    public Tensor[] Chunk(int chunks, int dim = 0)
    {
        int d = DimOfNonScalar(dim, "Chunk");
        if (chunks <= 0)
            throw new ArgumentOutOfRangeException(nameof(chunks), chunks, $"Chunk: the number of chunks must be positive (input {ShapeHelper.Format(_shape)}).");
        int n = _shape[d];
        if (n == 0) return SplitCore(new int[chunks], d);
        return Split((n + chunks - 1) / chunks, d);
    }

    /// <summary>Concatenates along <paramref name="dim"/> (negative counts from the end); all other dimensions must match.</summary>
    /// <exception cref="ArgumentException">The list is empty.</exception>
    /// <exception cref="ShapeMismatchException">Ranks differ, a tensor is 0-d, or a non-concatenated dimension differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("Cat: expected at least one tensor.", nameof(tensors));
        Tensor first = tensors[0];
        int rank = first.Rank;
        if (rank == 0) throw new ShapeMismatchException($"Cat: zero-dimensional tensors cannot be concatenated (shapes {FormatShapes(tensors)}).");
        int d = ShapeHelper.NormalizeDim(dim, rank, "Cat");
        int count = tensors.Count;
        var inputs = new Tensor[count];
        var lengths = new int[count];
        var offsets = new int[count];
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            Tensor t = tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"Cat: tensor {i} is null.");
            bool fits = t.Rank == rank;
            for (int a = 0; fits && a < rank; a++) fits = a == d || t._shape[a] == first._shape[a];
            if (!fits)
                throw new ShapeMismatchException($"Cat: tensor {i} has shape {ShapeHelper.Format(t._shape)} but tensor 0 has {ShapeHelper.Format(first._shape)}; all dimensions except dim {d} must match (shapes {FormatShapes(tensors)}).");
            inputs[i] = t;
            total += t._shape[d];
        }
        (int rows, int inner) = first.OuterInner(d);
        int column = 0;
        for (int i = 0; i < count; i++)
        {
            offsets[i] = column;
            lengths[i] = inputs[i]._shape[d] * inner;
            column += lengths[i];
        }
        int[] outShape = first.ShapeArray;
        outShape[d] = total;
        return JoinCore(inputs, outShape, rows, column, offsets, lengths, "CatBackward");
    }

    /// <summary>Stacks equally shaped tensors along a new dimension <paramref name="dim"/> in [-(rank+1), rank].</summary>
    /// <exception cref="ArgumentException">The list is empty.</exception>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("Stack: expected at least one tensor.", nameof(tensors));
        Tensor first = tensors[0];
        int d = ShapeHelper.NormalizeDim(dim, first.Rank + 1, "Stack");
        int count = tensors.Count;
        var inputs = new Tensor[count];
        for (int i = 0; i < count; i++)
        {
            Tensor t = tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"Stack: tensor {i} is null.");
            if (!ShapeHelper.SameShape(t._shape, first._shape))
                throw new ShapeMismatchException($"Stack: tensor {i} has shape {ShapeHelper.Format(t._shape)} but tensor 0 has {ShapeHelper.Format(first._shape)}; all must be equal (shapes {FormatShapes(tensors)}).");
            inputs[i] = t;
        }
        int rows = 1, inner = 1;
        for (int a = 0; a < d; a++) rows *= first._shape[a];
        for (int a = d; a < first.Rank; a++) inner *= first._shape[a];
        var offsets = new int[count];
        var lengths = new int[count];
        for (int i = 0; i < count; i++)
        {
            offsets[i] = i * inner;
            lengths[i] = inner;
        }
        var outShape = new int[first.Rank + 1];
        for (int a = 0, b = 0; a < outShape.Length; a++) outShape[a] = a == d ? count : first._shape[b++];
        return JoinCore(inputs, outShape, rows, count * inner, offsets, lengths, "StackBackward");
    }

    /// <summary>Writes input i into columns [offsets[i], offsets[i] + lengths[i]) of the (rows, rowLength) output.</summary>
    private static Tensor JoinCore(Tensor[] inputs, int[] outShape, int rows, int rowLength, int[] offsets, int[] lengths, string backwardName)
    {
        var result = Uninitialized(outShape);
        for (int i = 0; i < inputs.Length; i++)
            StridedCopyKernels.CopyRows(inputs[i].RawArray, 0, lengths[i], result.RawArray, offsets[i], rowLength, rows, lengths[i]);
        if (Autograd.IsRecording(inputs)) result.SetGradFn(new ConcatNode(backwardName, inputs, rows, rowLength, offsets, lengths));
        return result;
    }

    /// <summary>One copy per part; each part records its own node giving only its gradient contribution.</summary>
    private Tensor[] SplitCore(int[] sizes, int d)
    {
        (int rows, int inner) = OuterInner(d);
        int rowLength = _shape[d] * inner;
        bool record = Autograd.IsRecording(this);
        var parts = new Tensor[sizes.Length];
        int column = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            int[] shape = ShapeArray;
            shape[d] = sizes[i];
            int length = sizes[i] * inner;
            var part = Uninitialized(shape);
            StridedCopyKernels.CopyRows(RawArray, column, rowLength, part.RawArray, 0, length, rows, length);
            if (record) part.SetGradFn(new SplitPartNode(this, rows, rowLength, column, length));
            parts[i] = part;
            column += length;
        }
        return parts;
    }

    private static string FormatShapes(IReadOnlyList<Tensor> tensors)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < tensors.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(tensors[i] is null ? "null" : ShapeHelper.Format(tensors[i].Shape));
        }
        return sb.ToString();
    }
}
