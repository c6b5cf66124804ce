namespace MLVideo.Tensors;

/// <summary>How a loss reduces over the batch (PyTorch's <c>reduction</c>).</summary>
public enum Reduction
{
    /// <summary>Average over the batch (default).</summary>
    Mean,

    /// <summary>Sum over the batch.</summary>
    Sum,

    /// <summary>One value per sample.</summary>
    None,
}
