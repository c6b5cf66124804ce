namespace MLVideo.Tensors;

/// <summary>Backward of <see cref="Tensor.Reshape"/>: the gradient reshaped to the input's shape.</summary>
internal sealed class ReshapeNode(Tensor input) : GradNode("ReshapeBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        // A new tensor object sharing gradOutput's storage: the storage is reference counted.
        gradOutput.Storage.AddReference();
        gradInputs[0] = new Tensor(Inputs[0]!.ShapeArray, gradOutput.Storage);
    }
}

/// <summary>Backward of <see cref="Tensor.Clone"/>: the gradient passes through.</summary>
internal sealed class CloneNode(Tensor input) : GradNode("CloneBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        gradOutput.Storage.AddReference();
        gradInputs[0] = new Tensor(Inputs[0]!.ShapeArray, gradOutput.Storage);
    }
}
