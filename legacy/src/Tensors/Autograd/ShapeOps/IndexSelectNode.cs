using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>Backward of <see cref="Tensor.IndexSelect"/>: scatter-add of the gradient rows (repeated indices accumulate).</summary>
internal sealed class IndexSelectNode(Tensor input, int outer, int n, int inner, int[] indices) : GradNode("IndexSelectBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = new Tensor(Inputs[0]!.ShapeArray);
        IndexKernels.IndexSelectBackward(gradOutput.RawArray, grad.RawArray, outer, n, inner, indices);
        gradInputs[0] = grad;
    }
}
