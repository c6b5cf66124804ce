using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// OWNER: shape-ops helper. Taking parts of a tensor along one dimension: by range, by one index, by an
// index list, and element-wise (gather).
public sealed partial class Tensor
{
    /// <summary>
    /// Elements [start, end) with <paramref name="step"/> along <paramref name="dim"/> (PyTorch <c>x[..., start:end:step]</c>); negative indices
    /// count from the end. As in Python, out-of-range bounds are clamped, so the result may be empty. The result is a copy.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range or <paramref name="step"/> is not positive.</exception>
    public Tensor Slice(int dim, int start, int end, int step = 1)
    {
        int d = DimOfNonScalar(dim, "Slice");
        if (step <= 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Slice: step must be positive (input {ShapeHelper.Format(_shape)}, dim {dim}).");
        int n = _shape[d];
        int s = ClampSliceBound(start, n), e = ClampSliceBound(end, n);
        int length = e > s ? (int)(((long)e - s + step - 1) / step) : 0;

        int[] inStrides = ShapeHelper.Strides(_shape);
        int[] outShape = ShapeArray;
        outShape[d] = length;
        int[] viewStrides = (int[])inStrides.Clone();
        viewStrides[d] = inStrides[d] * step;
        int offset = length == 0 ? 0 : s * inStrides[d];
        return CopyStridedView(outShape, offset, viewStrides, "SliceBackward");
    }

    /// <summary>Index <paramref name="index"/> of <paramref name="dim"/> (negative counts from the end), removing the dimension (a copy).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or <paramref name="index"/> is out of range.</exception>
    public Tensor Select(int dim, int index)
    {
        int d = DimOfNonScalar(dim, "Select");
        int n = _shape[d];
        int i = index < 0 ? index + n : index;
        if ((uint)i >= (uint)n)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Select: index {index} is out of range for dimension {d} of size {n} (input {ShapeHelper.Format(_shape)}).");
        int[] inStrides = ShapeHelper.Strides(_shape);
        var outShape = new int[Rank - 1];
        var viewStrides = new int[Rank - 1];
        for (int a = 0, b = 0; a < Rank; a++)
        {
            if (a == d) continue;
            outShape[b] = _shape[a];
            viewStrides[b++] = inStrides[a];
        }
        return CopyStridedView(outShape, i * inStrides[d], viewStrides, "SelectBackward");
    }

    /// <summary>Picks the given indices along <paramref name="dim"/> (repeats allowed; gradient accumulates).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index is out of range (indices must be in [0, size)).</exception>
    public Tensor IndexSelect(int dim, ReadOnlySpan<int> indices)
    {
        int d = DimOfNonScalar(dim, "IndexSelect");
        int n = _shape[d];
        for (int j = 0; j < indices.Length; j++)
            if ((uint)indices[j] >= (uint)n)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[j], $"IndexSelect: indices[{j}] = {indices[j]} is out of range for dimension {d} of size {n} (input {ShapeHelper.Format(_shape)}).");
        (int outer, int inner) = OuterInner(d);
        int[] outShape = ShapeArray;
        outShape[d] = indices.Length;
        int[] saved = indices.ToArray();
        var result = Uninitialized(outShape);
        IndexKernels.IndexSelect(RawArray, result.RawArray, outer, n, inner, saved);
        if (Autograd.IsRecording(this)) result.SetGradFn(new IndexSelectNode(this, outer, n, inner, saved));
        return result;
    }

    /// <summary>PyTorch <c>gather</c>: out[i][j][k] = x[index[i][j][k]][j][k] for dim 0, etc.; <paramref name="indexShape"/> is the output's shape.</summary>
    /// <exception cref="ShapeMismatchException">The index's rank or shape does not fit the input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index value is out of range.</exception>
    public Tensor Gather(int dim, ReadOnlySpan<int> index, int[] indexShape)
    {
        ArgumentNullException.ThrowIfNull(indexShape);
        int d = DimOfNonScalar(dim, "Gather");
        if (indexShape.Length != Rank)
            throw new ShapeMismatchException($"Gather: index shape {ShapeHelper.Format(indexShape)} must have the input's rank {Rank} (input {ShapeHelper.Format(_shape)}).");
        for (int a = 0; a < Rank; a++)
            if (indexShape[a] < 0 || (a != d && indexShape[a] > _shape[a]))
                throw new ShapeMismatchException($"Gather: index shape {ShapeHelper.Format(indexShape)} exceeds input {ShapeHelper.Format(_shape)} at dimension {a} (only dimension {d} may be larger).");
        int count = ShapeHelper.Count(indexShape);
        if (index.Length != count)
            throw new ShapeMismatchException($"Gather: {index.Length} indices do not fill index shape {ShapeHelper.Format(indexShape)} ({count} elements).");
        int n = _shape[d];
        for (int j = 0; j < index.Length; j++)
            if ((uint)index[j] >= (uint)n)
                throw new ArgumentOutOfRangeException(nameof(index), index[j], $"Gather: index[{j}] = {index[j]} is out of range for dimension {d} of size {n} (input {ShapeHelper.Format(_shape)}).");

        int[] outShape = (int[])indexShape.Clone();
        int[] saved = index.ToArray();
        var result = Uninitialized(outShape);
        IndexKernels.Gather(Data, ShapeHelper.Strides(_shape), result.Data, saved, outShape, d);
        if (Autograd.IsRecording(this)) result.SetGradFn(new GatherNode(this, d, saved, outShape));
        return result;
    }

    /// <summary>Copies the strided window (outShape, offset, viewStrides) of this tensor and records its backward.</summary>
    private Tensor CopyStridedView(int[] outShape, int offset, int[] viewStrides, string backwardName)
    {
        var result = Uninitialized(outShape);
        StridedCopyKernels.Copy(RawArray, offset, viewStrides, result.RawArray, 0, ShapeHelper.Strides(outShape), outShape);
        if (Autograd.IsRecording(this)) result.SetGradFn(new StridedViewNode(backwardName, this, offset, viewStrides));
        return result;
    }

    /// <summary>Python slice-bound semantics: negative counts from the end, then clamp to [0, n].</summary>
    private static int ClampSliceBound(int bound, int n)
    {
        long b = bound < 0 ? (long)bound + n : bound;
        return (int)Math.Clamp(b, 0, n);
    }

    /// <summary>Normalizes <paramref name="dim"/> for an op that needs at least one dimension.</summary>
    private int DimOfNonScalar(int dim, string op)
    {
        if (Rank == 0)
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"{op}: a 0-d tensor has no dimension {dim}.");
        return ShapeHelper.NormalizeDim(dim, Rank, op);
    }

    /// <summary>Products of the sizes before and after <paramref name="d"/>: the (outer, n, inner) view used by the kernels.</summary>
    private (int Outer, int Inner) OuterInner(int d)
    {
        int outer = 1, inner = 1;
        for (int a = 0; a < d; a++) outer *= _shape[a];
        for (int a = d + 1; a < Rank; a++) inner *= _shape[a];
        return (outer, inner);
    }
}
