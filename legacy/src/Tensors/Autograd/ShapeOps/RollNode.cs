namespace MLVideo.Tensors;

/// <summary>Backward of <see cref="Tensor.Roll"/>: the gradient rolled back by the opposite shifts.</summary>
internal sealed class RollNode(Tensor input, int[] shifts, int[] dims) : GradNode("RollBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var back = new int[shifts.Length];
        // Shifts were already reduced to [0, size), so negating cannot overflow.
        for (int i = 0; i < shifts.Length; i++) back[i] = -shifts[i];
        gradInputs[0] = Tensor.RollCore(gradOutput, back, dims);
    }
}
