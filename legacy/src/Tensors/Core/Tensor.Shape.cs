using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// OWNER: shape-ops helper. All results are contiguous copies (or views for pure reshapes).
// Dimension reordering and size-1 dimensions here; slicing, joining, roll, top-k and pad live in the
// other Tensor.Shape.*.cs files. Every copy goes through StridedCopyKernels.
public sealed partial class Tensor
{
    /// <summary>Reorders dimensions (a copy): output dimension i is input dimension <paramref name="dims"/>[i] (negative counts from the end).</summary>
    /// <exception cref="ShapeMismatchException"><paramref name="dims"/> does not have one entry per dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A dimension is repeated.</exception>
    public Tensor Permute(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        int rank = Rank;
        if (dims.Length != rank)
            throw new ShapeMismatchException($"Permute: dims {ShapeHelper.Format(dims)} has {dims.Length} entries but the input {ShapeHelper.Format(_shape)} has rank {rank}.");
        var perm = new int[rank];
        var inverse = new int[rank];
        inverse.AsSpan().Fill(-1);
        for (int i = 0; i < rank; i++)
        {
            int d = ShapeHelper.NormalizeDim(dims[i], rank, "Permute");
            if (inverse[d] >= 0)
                throw new ArgumentException($"Permute: dimension {d} appears twice in dims {ShapeHelper.Format(dims)} for input {ShapeHelper.Format(_shape)}.", nameof(dims));
            perm[i] = d;
            inverse[d] = i;
        }

        var outShape = new int[rank];
        var srcStrides = new int[rank];
        int[] inStrides = ShapeHelper.Strides(_shape);
        for (int i = 0; i < rank; i++)
        {
            outShape[i] = _shape[perm[i]];
            srcStrides[i] = inStrides[perm[i]];
        }
        var result = Uninitialized(outShape);
        StridedCopyKernels.Copy(RawArray, 0, srcStrides, result.RawArray, 0, ShapeHelper.Strides(outShape), outShape);
        if (Autograd.IsRecording(this)) result.SetGradFn(new PermuteNode(this, inverse));
        return result;
    }

    /// <summary>Swaps two dimensions (a copy).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Transpose(int dim0, int dim1)
    {
        int rank = Rank;
        int a = ShapeHelper.NormalizeDim(dim0, rank, "Transpose"), b = ShapeHelper.NormalizeDim(dim1, rank, "Transpose");
        var perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = i;
        (perm[a], perm[b]) = (perm[b], perm[a]);
        return Permute(perm);
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/> in [-(rank+1), rank] (a view).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public Tensor Unsqueeze(int dim)
    {
        int d = ShapeHelper.NormalizeDim(dim, Rank + 1, "Unsqueeze");
        var shape = new int[Rank + 1];
        for (int i = 0, j = 0; i < shape.Length; i++) shape[i] = i == d ? 1 : _shape[j++];
        return Reshape(shape);
    }

    /// <summary>Removes dimension <paramref name="dim"/> if its size is 1 (a view); as in PyTorch, other sizes leave the shape unchanged.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public Tensor Squeeze(int dim)
    {
        int d = ShapeHelper.NormalizeDim(dim, Rank, "Squeeze");
        if (Rank == 0 || _shape[d] != 1) return Reshape(_shape);
        var shape = new int[Rank - 1];
        for (int i = 0, j = 0; i < Rank; i++) if (i != d) shape[j++] = _shape[i];
        return Reshape(shape);
    }

    /// <summary>
    /// Broadcasts to <paramref name="shape"/> (a copy; -1 keeps a dimension). Only size-1 dimensions can grow;
    /// new dimensions are added at the front, as in PyTorch. The gradient is summed over the expanded dimensions.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The input cannot be broadcast to <paramref name="shape"/>.</exception>
    public Tensor Expand(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int rank = shape.Length, lead = rank - Rank;
        if (lead < 0)
            throw new ShapeMismatchException($"Expand: target shape {ShapeHelper.Format(shape)} has fewer dimensions than the input {ShapeHelper.Format(_shape)}.");
        var outShape = new int[rank];
        var srcStrides = new int[rank];
        int[] inStrides = ShapeHelper.Strides(_shape);
        for (int i = 0; i < rank; i++)
        {
            int target = shape[i];
            if (i < lead)
            {
                if (target < 0)
                    throw new ShapeMismatchException($"Expand: size {target} at new leading dimension {i} of {ShapeHelper.Format(shape)} (input {ShapeHelper.Format(_shape)}); -1 is only allowed for existing dimensions.");
                outShape[i] = target; // stride 0: every position reads the same data
                continue;
            }
            int size = _shape[i - lead];
            if (target == -1) target = size;
            if (target < 0)
                throw new ShapeMismatchException($"Expand: invalid size {target} at dimension {i} of {ShapeHelper.Format(shape)}.");
            if (size == target) srcStrides[i] = inStrides[i - lead];
            else if (size != 1)
                throw new ShapeMismatchException($"Expand: cannot expand input {ShapeHelper.Format(_shape)} to {ShapeHelper.Format(shape)}: dimension {i} has size {size}, and only size-1 dimensions can be expanded.");
            outShape[i] = target;
        }
        var result = Uninitialized(outShape);
        StridedCopyKernels.Copy(RawArray, 0, srcStrides, result.RawArray, 0, ShapeHelper.Strides(outShape), outShape);
        if (Autograd.IsRecording(this)) result.SetGradFn(new ExpandNode(this));
        return result;
    }
}
