namespace MLVideo.Tensors.Nn;

/// <summary>Which fan Kaiming initialisation preserves (PyTorch's <c>mode</c>).</summary>
public enum FanMode
{
    /// <summary>Preserve the variance of activations in the forward pass (PyTorch's default).</summary>
    FanIn,

    /// <summary>Preserve the variance of gradients in the backward pass (torchvision's ResNet convs).</summary>
    FanOut,
}
