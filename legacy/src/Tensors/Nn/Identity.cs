namespace MLVideo.Tensors.Nn;

/// <summary>Returns its input, PyTorch's <c>nn.Identity</c>; a placeholder where a layer is removed (e.g. a dropped head).</summary>
public sealed class Identity : Module
{
    /// <summary>Returns <paramref name="input"/> itself.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input;
    }
}
