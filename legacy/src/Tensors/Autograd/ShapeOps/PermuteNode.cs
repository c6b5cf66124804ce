namespace MLVideo.Tensors;

/// <summary>Backward of <see cref="Tensor.Permute"/>: the gradient permuted back by the inverse permutation.</summary>
internal sealed class PermuteNode(Tensor input, int[] inverse) : GradNode("PermuteBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (NeedsGrad(0)) gradInputs[0] = gradOutput.Permute(inverse);
    }
}
