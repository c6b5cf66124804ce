namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Scaled dot-product attention per (batch..., head) matrix: P = softmax(scale Q K^T + mask), O = P V,
/// and the fused backward. Arrays (not spans) because the work items cross threads; every batch entry is
/// independent, so results do not depend on the thread count.
/// </summary>
internal static class AttentionKernels
{
    /// <summary>Sizes and the additive mask's layout (strides 0 where the mask broadcasts).</summary>
    internal readonly record struct Layout(int Batch, int L, int S, int E, int Ev, float Scale, bool Causal,
        int[]? MaskOffsets, int MaskStrideL, int MaskStrideS);

    /// <summary>Fills <paramref name="p"/> (Batch x L x S attention weights) and <paramref name="o"/> (Batch x L x Ev).</summary>
    public static void Forward(Layout layout, float[] q, float[] k, float[] v, float[]? mask, float[] p, float[] o) =>
        CpuParallel.For(layout.Batch, new ForwardWork(layout, q, k, v, mask, p, o));

    /// <summary>
    /// From dO and the saved P: dQ, dK, dV (each written in full; null to skip) and dS, the gradient of the
    /// masked scores (Batch x L x S, which is also the additive mask's gradient). <paramref name="ds"/> is required.
    /// </summary>
    public static void Backward(Layout layout, float[] q, float[] k, float[] v, float[] p, float[] gradOut,
        float[] ds, float[]? gradQ, float[]? gradK, float[]? gradV) =>
        CpuParallel.For(layout.Batch, new BackwardWork(layout, q, k, v, p, gradOut, ds, gradQ, gradK, gradV));

    private readonly struct ForwardWork(Layout d, float[] q, float[] k, float[] v, float[]? mask, float[] p, float[] o) : IParallelWork
    {
        public void Execute(int start, int end)
        {
            int ls = d.L * d.S;
            for (int b = start; b < end; b++)
            {
                Span<float> scores = p.AsSpan(b * ls, ls);
                // scores = scale * Q K^T
                Gemm.Sgemm(false, true, d.L, d.S, d.E, d.Scale, q.AsSpan(b * d.L * d.E, d.L * d.E), d.E,
                    k.AsSpan(b * d.S * d.E, d.S * d.E), d.E, 0f, scores, d.S);
                if (mask is not null) AddMask(d, mask, d.MaskOffsets![b], scores);
                for (int i = 0; i < d.L; i++)
                {
                    Span<float> row = scores.Slice(i * d.S, d.S);
                    // Causal: query i sees keys 0..i (top-left aligned, as torch.ones(L, S).tril()).
                    if (d.Causal) row[Math.Min(i + 1, d.S)..].Fill(float.NegativeInfinity);
                    SoftmaxInPlace(row);
                }
                Gemm.Sgemm(false, false, d.L, d.Ev, d.S, 1f, scores, d.S, v.AsSpan(b * d.S * d.Ev, d.S * d.Ev), d.Ev,
                    0f, o.AsSpan(b * d.L * d.Ev, d.L * d.Ev), d.Ev);
            }
        }
    }

    private readonly struct BackwardWork(Layout d, float[] q, float[] k, float[] v, float[] p, float[] gradOut,
        float[] ds, float[]? gradQ, float[]? gradK, float[]? gradV) : IParallelWork
    {
        public void Execute(int start, int end)
        {
            int ls = d.L * d.S;
            for (int b = start; b < end; b++)
            {
                ReadOnlySpan<float> pb = p.AsSpan(b * ls, ls);
                ReadOnlySpan<float> gOut = gradOut.AsSpan(b * d.L * d.Ev, d.L * d.Ev);
                ReadOnlySpan<float> qb = q.AsSpan(b * d.L * d.E, d.L * d.E);
                ReadOnlySpan<float> kb = k.AsSpan(b * d.S * d.E, d.S * d.E);
                Span<float> dsb = ds.AsSpan(b * ls, ls);
                // dV = P^T dO
                if (gradV is not null)
                    Gemm.Sgemm(true, false, d.S, d.Ev, d.L, 1f, pb, d.S, gOut, d.Ev, 0f, gradV.AsSpan(b * d.S * d.Ev, d.S * d.Ev), d.Ev);
                // dP = dO V^T, then the softmax backward in place: dS = P * (dP - sum_j dP_j P_j).
                Gemm.Sgemm(false, true, d.L, d.S, d.Ev, 1f, gOut, d.Ev, v.AsSpan(b * d.S * d.Ev, d.S * d.Ev), d.Ev, 0f, dsb, d.S);
                for (int i = 0; i < d.L; i++)
                {
                    Span<float> row = dsb.Slice(i * d.S, d.S);
                    ReadOnlySpan<float> pr = pb.Slice(i * d.S, d.S);
                    float dot = 0f;
                    for (int j = 0; j < row.Length; j++) dot += row[j] * pr[j];
                    for (int j = 0; j < row.Length; j++) row[j] = pr[j] * (row[j] - dot);
                }
                // scores = scale Q K^T: dQ = scale dS K, dK = scale dS^T Q.
                if (gradQ is not null)
                    Gemm.Sgemm(false, false, d.L, d.E, d.S, d.Scale, dsb, d.S, kb, d.E, 0f, gradQ.AsSpan(b * d.L * d.E, d.L * d.E), d.E);
                if (gradK is not null)
                    Gemm.Sgemm(true, false, d.S, d.E, d.L, d.Scale, dsb, d.S, qb, d.E, 0f, gradK.AsSpan(b * d.S * d.E, d.S * d.E), d.E);
            }
        }
    }

    private static void AddMask(Layout d, float[] mask, int offset, Span<float> scores)
    {
        for (int i = 0; i < d.L; i++)
        {
            int rowOffset = offset + i * d.MaskStrideL;
            Span<float> row = scores.Slice(i * d.S, d.S);
            for (int j = 0; j < row.Length; j++) row[j] += mask[rowOffset + j * d.MaskStrideS];
        }
    }

    /// <summary>Numerically stable softmax of one row (a fully masked row of -inf gives NaN, as PyTorch's math path does).</summary>
    private static void SoftmaxInPlace(Span<float> row)
    {
        float max = float.NegativeInfinity;
        foreach (float x in row) max = MathF.Max(max, x);
        float sum = 0f;
        for (int j = 0; j < row.Length; j++)
        {
            float e = MathF.Exp(row[j] - max);
            row[j] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int j = 0; j < row.Length; j++) row[j] *= inv;
    }
}
