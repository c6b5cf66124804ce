namespace MLVideo.Tensors;

// OWNER: elementwise helper. Reductions use a fixed summation order independent of thread count.
public sealed partial class Tensor
{
    /// <summary>Sum of all elements (0-d result).</summary>
    public Tensor Sum() => throw new NotImplementedException();
    /// <summary>Sum over <paramref name="dims"/>.</summary>
    public Tensor Sum(int[] dims, bool keepDim = false) => throw new NotImplementedException();
    /// <summary>Mean of all elements (0-d result).</summary>
    public Tensor Mean() => throw new NotImplementedException();
    /// <summary>Mean over <paramref name="dims"/>.</summary>
    public Tensor Mean(int[] dims, bool keepDim = false) => throw new NotImplementedException();
    /// <summary>Maximum along <paramref name="dim"/> with the argmax (first occurrence on ties); gradient to the argmax.</summary>
    public (Tensor Values, int[] Indices) Max(int dim, bool keepDim = false) => throw new NotImplementedException();
    /// <summary>Argmax along <paramref name="dim"/> (first occurrence on ties).</summary>
    public int[] ArgMax(int dim) => throw new NotImplementedException();
}
