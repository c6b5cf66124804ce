namespace MLVideo.Tensors;

/// <summary>Backward of <see cref="Tensor.Expand"/>: the gradient summed over the expanded dimensions.</summary>
internal sealed class ExpandNode(Tensor input) : GradNode("ExpandBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (NeedsGrad(0)) gradInputs[0] = BroadcastReduction.SumToShape(gradOutput, Inputs[0]!.Shape, Name);
    }
}
