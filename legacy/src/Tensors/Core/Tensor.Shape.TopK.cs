using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// OWNER: shape-ops helper. Top-k selection along one dimension.
public sealed partial class Tensor
{
    /// <summary>
    /// k largest (or smallest) values along <paramref name="dim"/> with their indices (ties: lower index first; NaN counts
    /// as the largest value). Results are always in sorted order, which also satisfies <paramref name="sorted"/> = false
    /// (PyTorch leaves that order unspecified). The gradient of the values goes to the selected positions.
    /// </summary>
    /// <returns>The values, shaped like the input with <paramref name="dim"/> of size k, and the positions along <paramref name="dim"/> in the same layout.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range, or k is negative or larger than the dimension.</exception>
    public (Tensor Values, int[] Indices) TopK(int k, int dim = -1, bool largest = true, bool sorted = true)
    {
        _ = sorted; // sorted order is produced in both cases
        int d = DimOfNonScalar(dim, "TopK");
        int n = _shape[d];
        if (k < 0 || k > n)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"TopK: k = {k} is out of range for dimension {d} of size {n} (input {ShapeHelper.Format(_shape)}).");
        (int outer, int inner) = OuterInner(d);
        int[] outShape = ShapeArray;
        outShape[d] = k;
        var values = Uninitialized(outShape);
        var indices = new int[values.Count];
        TopKKernels.TopK(RawArray, outer, n, inner, k, largest, values.RawArray, indices);
        // The node keeps its own copy: callers may modify the returned array.
        if (Autograd.IsRecording(this)) values.SetGradFn(new TopKNode(this, outer, n, inner, k, (int[])indices.Clone()));
        return (values, indices);
    }
}
