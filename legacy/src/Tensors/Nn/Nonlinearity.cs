namespace MLVideo.Tensors.Nn;

/// <summary>The nonlinearity whose gain an initialiser uses (PyTorch's <c>calculate_gain</c> names).</summary>
public enum Nonlinearity
{
    /// <summary>Gain 1 (also used for convolutions and sigmoid).</summary>
    Linear,

    /// <summary>Gain 1.</summary>
    Sigmoid,

    /// <summary>Gain 5/3.</summary>
    Tanh,

    /// <summary>Gain sqrt(2).</summary>
    Relu,

    /// <summary>Gain sqrt(2 / (1 + a^2)) for negative slope a (PyTorch's Kaiming default).</summary>
    LeakyRelu,
}
