using System.Buffers;
using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

public static partial class Functional
{
    /// <summary>
    /// <c>softmax(query key^T * scale + mask) value</c>, as <c>torch.nn.functional.scaled_dot_product_attention</c>
    /// without dropout. query (..., L, E), key (..., S, E), value (..., S, Ev) with identical leading
    /// dimensions; result (..., L, Ev). One fused autograd node (its own stable softmax).
    /// </summary>
    /// <param name="query">(..., L, E).</param>
    /// <param name="key">(..., S, E).</param>
    /// <param name="value">(..., S, Ev).</param>
    /// <param name="attnMask">
    /// Optional float mask added to the scaled scores, broadcastable to (..., L, S); use -infinity to block a
    /// position (a row blocked everywhere gives NaN, as in PyTorch). It receives a gradient if it requires one.
    /// </param>
    /// <param name="isCausal">Query i attends to keys 0..i only (PyTorch's top-left aligned lower-triangular mask).</param>
    /// <param name="scale">Score scale; defaults to 1/sqrt(E).</param>
    /// <exception cref="ShapeMismatchException">Ranks, leading dimensions, E or S disagree, or the mask does not broadcast.</exception>
    /// <exception cref="ArgumentException">Both <paramref name="attnMask"/> and <paramref name="isCausal"/> are given.</exception>
    public static Tensor ScaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor? attnMask = null,
        bool isCausal = false, float? scale = null)
    {
        var layout = AttentionLayout(query, key, value, attnMask, isCausal, scale);
        int[] outShape = query.ShapeArray;
        outShape[^1] = layout.Ev;
        var result = Tensor.Uninitialized(outShape);
        bool record = Autograd.IsRecording([query, key, value, attnMask]);
        int weightsLength = layout.Batch * layout.L * layout.S;
        float[] weights = ArrayPool<float>.Shared.Rent(Math.Max(1, weightsLength));
        AttentionKernels.Forward(layout, query.RawArray, key.RawArray, value.RawArray, attnMask?.RawArray, weights, result.RawArray);
        if (MacCounter.IsActive)
            MacCounter.Add("attention", (long)layout.Batch * layout.L * layout.S * (layout.E + layout.Ev));
        if (record) result.SetGradFn(new AttentionNode(query, key, value, attnMask, layout, weights));
        else ArrayPool<float>.Shared.Return(weights);
        return result;
    }

    private static AttentionKernels.Layout AttentionLayout(Tensor query, Tensor key, Tensor value, Tensor? attnMask, bool isCausal, float? scale)
    {
        const string op = "ScaledDotProductAttention";
        string shapes = $"query {ShapeHelper.Format(query.Shape)}, key {ShapeHelper.Format(key.Shape)}, value {ShapeHelper.Format(value.Shape)}";
        if (query.Rank < 2 || key.Rank != query.Rank || value.Rank != query.Rank)
            throw new ShapeMismatchException($"{op}: query, key and value need the same rank (at least 2), got {shapes}.");
        if (!query.Shape[..^2].SequenceEqual(key.Shape[..^2]) || !query.Shape[..^2].SequenceEqual(value.Shape[..^2]))
            throw new ShapeMismatchException($"{op}: the leading (batch, head) dimensions differ: {shapes}.");
        int l = query.Shape[^2], e = query.Shape[^1], s = key.Shape[^2], ev = value.Shape[^1];
        if (key.Shape[^1] != e)
            throw new ShapeMismatchException($"{op}: query has embedding size {e} but key has {key.Shape[^1]}: {shapes}.");
        if (value.Shape[^2] != s)
            throw new ShapeMismatchException($"{op}: key has {s} positions but value has {value.Shape[^2]}: {shapes}.");
        if (attnMask is not null && isCausal)
            throw new ArgumentException($"{op}: pass either attnMask or isCausal, not both.", nameof(attnMask));
        int batch = ShapeHelper.Count(query.Shape[..^2]);
        float scaleValue = scale ?? 1f / MathF.Sqrt(e);

        int[]? maskOffsets = null;
        int strideL = 0, strideS = 0;
        if (attnMask is not null)
        {
            int[] target = [.. query.Shape[..^2], l, s];
            ReadOnlySpan<int> ms = attnMask.Shape;
            bool fits = ms.Length <= target.Length;
            for (int i = 0; fits && i < ms.Length; i++)
            {
                int t = target[target.Length - ms.Length + i];
                fits = ms[i] == t || ms[i] == 1;
            }
            if (!fits)
                throw new ShapeMismatchException($"{op}: attnMask {ShapeHelper.Format(ms)} does not broadcast to the scores' shape {ShapeHelper.Format(target)}.");
            // Strides of the mask over the target's dimensions, 0 where it broadcasts.
            var strides = new int[target.Length];
            int stride = 1;
            for (int i = target.Length - 1; i >= 0; i--)
            {
                int mi = i - (target.Length - ms.Length);
                int size = mi >= 0 ? ms[mi] : 1;
                strides[i] = size == 1 ? 0 : stride;
                stride *= size;
            }
            strideL = strides[^2];
            strideS = strides[^1];
            maskOffsets = new int[batch];
            int batchRank = target.Length - 2;
            for (int b = 0; b < batch; b++)
            {
                int rem = b, offset = 0;
                for (int i = batchRank - 1; i >= 0; i--)
                {
                    offset += rem % target[i] * strides[i];
                    rem /= target[i];
                }
                maskOffsets[b] = offset;
            }
        }
        return new AttentionKernels.Layout(batch, l, s, e, ev, scaleValue, isCausal, maskOffsets, strideL, strideS);
    }
}
