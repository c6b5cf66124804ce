namespace MLVideo.Tensors.Nn;

/// <summary>min(max(x, 0), 6), PyTorch's <c>nn.ReLU6</c> used by MobileNetV2 (no parameters).</summary>
public sealed class ReLU6 : Module
{
    /// <summary>Applies min(max(x, 0), 6) elementwise.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Relu6();
    }
}
