namespace MLVideo.Tensors;

/// <summary>Sums a gradient over broadcast dimensions so it matches its input's shape.</summary>
internal static class BroadcastReduction
{
    public static Tensor SumToShape(Tensor grad, ReadOnlySpan<int> target, string op)
    {
        ReadOnlySpan<int> gs = grad.Shape;
        int rank = gs.Length;
        if (target.Length > rank)
            throw new ShapeMismatchException($"{op}: gradient of shape {ShapeHelper.Format(gs)} cannot be reduced to input shape {ShapeHelper.Format(target)}.");
        // Aligned target shape (leading 1s), validated against the gradient.
        var aligned = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int t = i < rank - target.Length ? 1 : target[i - (rank - target.Length)];
            if (t != gs[i] && t != 1)
                throw new ShapeMismatchException($"{op}: gradient of shape {ShapeHelper.Format(gs)} cannot be reduced to input shape {ShapeHelper.Format(target)}.");
            aligned[i] = t;
        }
        var result = Tensor.Zeros(target.ToArray());
        Span<float> dst = result.Data;
        ReadOnlySpan<float> src = grad.Data;
        int[] gStrides = ShapeHelper.Strides(gs);
        int[] tStrides = ShapeHelper.Strides(aligned);
        // Walk the gradient in row-major order; the innermost dimension is handled as a run.
        int inner = rank == 0 ? 1 : gs[rank - 1];
        bool innerBroadcast = rank > 0 && aligned[rank - 1] == 1 && inner != 1;
        int outer = inner == 0 ? 0 : src.Length / inner;
        var index = new int[Math.Max(rank - 1, 0)];
        for (int o = 0; o < outer; o++)
        {
            int dstOffset = 0;
            for (int d = 0; d < rank - 1; d++) dstOffset += aligned[d] == 1 ? 0 : index[d] * tStrides[d];
            ReadOnlySpan<float> run = src.Slice(o * inner, inner);
            if (innerBroadcast) dst[dstOffset] += Kernels.ReductionKernels.Sum(run);
            else Kernels.ElementwiseKernels.AddInPlace(dst.Slice(dstOffset, inner), run);
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++index[d] < gs[d]) break;
                index[d] = 0;
            }
        }
        _ = gStrides;
        return result;
    }
}
