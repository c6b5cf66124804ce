namespace MLVideo.Tensors;

// OWNER: elementwise helper.
public static partial class Functional
{
    /// <summary>Cross-entropy of logits (N, K) against class indices, with optional label smoothing (PyTorch semantics).</summary>
    public static Tensor CrossEntropy(Tensor logits, ReadOnlySpan<int> targets, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean) => throw new NotImplementedException();

    /// <summary>Cross-entropy against soft targets (N, K) whose rows are probabilities: -sum_k t_k log softmax(x)_k.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor softTargets, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean) => throw new NotImplementedException();

    /// <summary>Gumbel-softmax with given noise g: y_soft = softmax((logits + g) / tau); hard = straight-through one-hot of the argmax.</summary>
    public static Tensor GumbelSoftmax(Tensor logits, Tensor gumbelNoise, float tau, bool hard, int dim = -1) => throw new NotImplementedException();

    /// <summary>Gumbel-softmax drawing the noise -log(E), E ~ Exp(1), from <paramref name="generator"/>.</summary>
    public static Tensor GumbelSoftmax(Tensor logits, float tau, bool hard, int dim = -1, Generator? generator = null) => throw new NotImplementedException();
}
