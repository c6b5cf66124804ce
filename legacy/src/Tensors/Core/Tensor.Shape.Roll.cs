using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// OWNER: shape-ops helper. Circular shifts (torch.roll), e.g. GSF's shift over time.
public sealed partial class Tensor
{
    /// <summary>
    /// Rolls elements along <paramref name="dims"/> by <paramref name="shifts"/> (PyTorch <c>torch.roll</c>): out[i + shift] = x[i],
    /// wrapping around. With no dims, the tensor is rolled as if flattened (one shift).
    /// </summary>
    /// <exception cref="ArgumentException">The shift and dimension counts do not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Roll(int[] shifts, int[] dims)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        ArgumentNullException.ThrowIfNull(dims);
        bool flat = dims.Length == 0;
        if (flat ? shifts.Length != 1 : shifts.Length != dims.Length)
            throw new ArgumentException($"Roll: {shifts.Length} shifts {ShapeHelper.Format(shifts)} for {dims.Length} dims {ShapeHelper.Format(dims)} (input {ShapeHelper.Format(_shape)}); give one shift per dim, or one shift and no dims.", nameof(shifts));
        var normDims = new int[dims.Length];
        var normShifts = new int[shifts.Length];
        for (int i = 0; i < shifts.Length; i++)
        {
            int n = flat ? Count : _shape[normDims[i] = DimOfNonScalar(dims[i], "Roll")];
            // Reduce to [0, n) once here so the kernels and the backward never see large or negative shifts.
            normShifts[i] = n == 0 ? 0 : (int)(((long)shifts[i] % n + n) % n);
        }
        var result = RollCore(this, normShifts, normDims);
        if (Autograd.IsRecording(this)) result.SetGradFn(new RollNode(this, normShifts, normDims));
        return result;
    }

    /// <summary>Roll without validation or recording: one pass per dim, ping-ponging so the last pass writes the result.</summary>
    internal static Tensor RollCore(Tensor x, int[] shifts, int[] dims)
    {
        var result = Uninitialized(x.ShapeArray);
        int passes = shifts.Length;
        Tensor? temp = passes > 1 ? Uninitialized(x.ShapeArray) : null;
        try
        {
            float[] source = x.RawArray;
            for (int p = 0; p < passes; p++)
            {
                float[] target = (passes - 1 - p) % 2 == 0 ? result.RawArray : temp!.RawArray;
                int outer = 1, n = x.Count, inner = 1; // no dims: the flattened tensor
                if (dims.Length > 0)
                {
                    (outer, inner) = x.OuterInner(dims[p]);
                    n = x._shape[dims[p]];
                }
                int s = n == 0 ? 0 : (int)(((long)shifts[p] % n + n) % n);
                int row = n * inner;
                // out[:, s:] = x[:, :n-s] and out[:, :s] = x[:, n-s:]: two blocks of whole inner runs.
                StridedCopyKernels.CopyRows(source, 0, row, target, s * inner, row, outer, (n - s) * inner);
                StridedCopyKernels.CopyRows(source, (n - s) * inner, row, target, 0, row, outer, s * inner);
                source = target;
            }
            if (passes == 0) x.Data.CopyTo(result.Data);
        }
        finally
        {
            temp?.Dispose();
        }
        return result;
    }
}
