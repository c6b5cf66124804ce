namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Two operands laid over a broadcast output shape: per-dimension element strides (0 where an
/// operand is broadcast), with adjacent dimensions merged whenever both operands stay contiguous
/// across them (e.g. [2, 3, 4, 5] + [5] becomes [24, 5] with strides [5, 1] and [0, 1]).
/// Size-1 output dimensions are dropped. The innermost stride of each operand is then 1 (walks) or 0 (repeats one value).
/// </summary>
internal sealed class BroadcastPlan
{
    private BroadcastPlan(int[] shape, int[] xStrides, int[] yStrides)
    {
        Shape = shape;
        XStrides = xStrides;
        YStrides = yStrides;
    }

    /// <summary>The coalesced output shape (rank at least 1).</summary>
    public int[] Shape { get; }

    /// <summary>Element strides of the first operand over <see cref="Shape"/>.</summary>
    public int[] XStrides { get; }

    /// <summary>Element strides of the second operand over <see cref="Shape"/>.</summary>
    public int[] YStrides { get; }

    public static BroadcastPlan Create(ReadOnlySpan<int> xShape, ReadOnlySpan<int> yShape, ReadOnlySpan<int> outShape)
    {
        int rank = outShape.Length;
        var shape = new List<int>(rank + 1);
        var xs = new List<int>(rank + 1);
        var ys = new List<int>(rank + 1);
        int[] xStrides = AlignedStrides(xShape, outShape);
        int[] yStrides = AlignedStrides(yShape, outShape);
        for (int d = 0; d < rank; d++)
        {
            if (outShape[d] == 1) continue; // a size-1 dimension never moves either operand
            int n = shape.Count;
            if (n > 0 && xs[n - 1] == xStrides[d] * outShape[d] && ys[n - 1] == yStrides[d] * outShape[d])
            {
                // Merge with the previous dimension: both operands step over it contiguously (or both repeat).
                shape[n - 1] *= outShape[d];
                xs[n - 1] = xStrides[d];
                ys[n - 1] = yStrides[d];
            }
            else
            {
                shape.Add(outShape[d]);
                xs.Add(xStrides[d]);
                ys.Add(yStrides[d]);
            }
        }
        if (shape.Count == 0)
        {
            shape.Add(1);
            xs.Add(0);
            ys.Add(0);
        }
        return new BroadcastPlan(shape.ToArray(), xs.ToArray(), ys.ToArray());
    }

    /// <summary>Strides of an operand over the output's dimensions: 0 for missing or size-1 (broadcast) dimensions.</summary>
    private static int[] AlignedStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> outShape)
    {
        int rank = outShape.Length, offset = rank - shape.Length;
        var strides = new int[rank];
        int s = 1;
        for (int d = rank - 1; d >= offset; d--)
        {
            int size = shape[d - offset];
            strides[d] = size == 1 ? 0 : s;
            s *= size;
        }
        return strides;
    }
}
