namespace MLVideo.Tensors;

/// <summary>
/// The shape logic of <c>torch.matmul</c>, computed once per call: operands viewed as stacks of
/// matrices (a 1-d left operand as a 1 x k row, a 1-d right operand as a k x 1 column), batch dimensions
/// broadcast, and for each output matrix the element offsets of the matrices of A and B it multiplies.
/// </summary>
internal sealed class MatmulPlan
{
    private MatmulPlan(int m, int n, int k, int[] outShape, int[] aOffsets, int[] bOffsets, bool foldRows, bool aBroadcast, bool bBroadcast)
    {
        M = m;
        N = n;
        K = k;
        OutShape = outShape;
        AOffsets = aOffsets;
        BOffsets = bOffsets;
        FoldRows = foldRows;
        ABroadcast = aBroadcast;
        BBroadcast = bBroadcast;
    }

    /// <summary>Rows of each output matrix.</summary>
    public int M { get; }

    /// <summary>Columns of each output matrix.</summary>
    public int N { get; }

    /// <summary>The contracted dimension.</summary>
    public int K { get; }

    /// <summary>The result's shape (PyTorch's, with the 1-d operands' dimensions removed).</summary>
    public int[] OutShape { get; }

    /// <summary>Number of output matrices.</summary>
    public int Batch => AOffsets.Length;

    /// <summary>Element offset in A of the matrix multiplied into output matrix i.</summary>
    public int[] AOffsets { get; }

    /// <summary>Element offset in B of the matrix multiplied into output matrix i.</summary>
    public int[] BOffsets { get; }

    /// <summary>
    /// True when B is one matrix and A's matrices map one-to-one onto the outputs: the whole op is then a
    /// single (Batch*M) x K by K x N GEMM, which is both faster and what <c>Linear</c> on 3-d input needs.
    /// </summary>
    public bool FoldRows { get; }

    /// <summary>True when some matrix of A is used by more than one output (its gradient sums several products).</summary>
    public bool ABroadcast { get; }

    /// <summary>True when some matrix of B is used by more than one output.</summary>
    public bool BBroadcast { get; }

    /// <summary>Multiply-accumulates of the product.</summary>
    public long Macs => (long)Batch * M * N * K;

    /// <summary>Builds the plan, or throws a <see cref="ShapeMismatchException"/> naming <paramref name="op"/> and both shapes.</summary>
    public static MatmulPlan Create(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        if (a.Length == 0 || b.Length == 0)
            throw new ShapeMismatchException($"{op}: both arguments need at least 1 dimension, got {ShapeHelper.Format(a)} and {ShapeHelper.Format(b)}.");
        bool aVector = a.Length == 1, bVector = b.Length == 1;
        int m = aVector ? 1 : a[^2], k = a[^1];
        int kb = bVector ? b[0] : b[^2], n = bVector ? 1 : b[^1];
        if (k != kb)
            throw new ShapeMismatchException($"{op}: {ShapeHelper.Format(a)} and {ShapeHelper.Format(b)} cannot be multiplied ({k} columns vs {kb} rows).");

        ReadOnlySpan<int> aBatch = aVector ? [] : a[..^2];
        ReadOnlySpan<int> bBatch = bVector ? [] : b[..^2];
        int[] outBatch = ShapeHelper.Broadcast(aBatch, bBatch, op);
        int batch = ShapeHelper.Count(outBatch);

        var outShape = new List<int>(outBatch);
        if (!aVector) outShape.Add(m);
        if (!bVector) outShape.Add(n);

        int[] aOffsets = BatchOffsets(outBatch, aBatch, m * k);
        int[] bOffsets = BatchOffsets(outBatch, bBatch, k * n);
        bool aBroadcast = ShapeHelper.Count(aBatch) != batch, bBroadcast = ShapeHelper.Count(bBatch) != batch;
        bool foldRows = ShapeHelper.Count(bBatch) == 1 && !aBroadcast;
        return new MatmulPlan(m, n, k, outShape.ToArray(), aOffsets, bOffsets, foldRows, aBroadcast, bBroadcast);
    }

    /// <summary>For each output batch index, the offset of the operand's matrix (broadcast dimensions repeat it).</summary>
    private static int[] BatchOffsets(int[] outBatch, ReadOnlySpan<int> operandBatch, int matrixSize)
    {
        int batch = ShapeHelper.Count(outBatch);
        int rank = outBatch.Length, lead = rank - operandBatch.Length;
        // Stride of each output batch dimension in the operand (0 where the operand broadcasts).
        var strides = new int[rank];
        int s = matrixSize;
        for (int d = rank - 1; d >= lead; d--)
        {
            int size = operandBatch[d - lead];
            strides[d] = size == 1 ? 0 : s;
            s *= size;
        }
        var offsets = new int[batch];
        var index = new int[rank];
        int offset = 0;
        for (int i = 0; i < batch; i++)
        {
            offsets[i] = offset;
            for (int d = rank - 1; d >= 0; d--)
            {
                offset += strides[d];
                if (++index[d] < outBatch[d]) break;
                offset -= strides[d] * outBatch[d];
                index[d] = 0;
            }
        }
        return offsets;
    }
}
