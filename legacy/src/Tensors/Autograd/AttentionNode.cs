using System.Buffers;

namespace MLVideo.Tensors;

/// <summary>
/// Fused backward of <see cref="Functional.ScaledDotProductAttention"/> from the saved attention weights P:
/// dV = P^T dO, dS = P * (dO V^T - rowsum(P * dO V^T)), dQ = scale dS K, dK = scale dS^T Q, dMask = dS.
/// </summary>
internal sealed class AttentionNode(Tensor query, Tensor key, Tensor value, Tensor? mask,
    Kernels.AttentionKernels.Layout layout, float[] weights) : GradNode("ScaledDotProductAttentionBackward", query, key, value, mask)
{
    private float[]? _weights = weights;

    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        float[] p = _weights ?? throw new InvalidOperationException("ScaledDotProductAttentionBackward: the saved attention weights were released.");
        Tensor q = Inputs[0]!, k = Inputs[1]!, v = Inputs[2]!;
        Tensor? gradQ = NeedsGrad(0) ? Tensor.Uninitialized(q.ShapeArray) : null;
        Tensor? gradK = NeedsGrad(1) ? Tensor.Uninitialized(k.ShapeArray) : null;
        Tensor? gradV = NeedsGrad(2) ? Tensor.Uninitialized(v.ShapeArray) : null;
        // dS has the scores' full shape; the engine sums it back to a broadcast mask's shape.
        var ds = Tensor.Uninitialized([.. q.Shape[..^1], layout.S]);
        Kernels.AttentionKernels.Backward(layout, q.RawArray, k.RawArray, v.RawArray, p, gradOutput.RawArray,
            ds.RawArray, gradQ?.RawArray, gradK?.RawArray, gradV?.RawArray);
        gradInputs[0] = gradQ;
        gradInputs[1] = gradK;
        gradInputs[2] = gradV;
        if (NeedsGrad(3)) gradInputs[3] = ds;
        else ds.Dispose();
    }

    protected internal override void ReleaseSaved()
    {
        float[]? p = Interlocked.Exchange(ref _weights, null);
        if (p is not null) ArrayPool<float>.Shared.Return(p);
    }
}
