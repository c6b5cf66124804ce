namespace MLVideo.Tensors;

/// <summary>Backward of <see cref="Tensor.TopK"/>: each value's gradient goes to the position it was taken from.</summary>
internal sealed class TopKNode(Tensor input, int outer, int n, int inner, int k, int[] indices) : GradNode("TopKBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = new Tensor(Inputs[0]!.ShapeArray);
        Span<float> gi = grad.Data;
        ReadOnlySpan<float> go = gradOutput.Data;
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < k; j++)
            {
                int src = (o * k + j) * inner;
                int dstRow = o * n * inner;
                for (int i = 0; i < inner; i++) gi[dstRow + indices[src + i] * inner + i] += go[src + i];
            }
        gradInputs[0] = grad;
    }
}
