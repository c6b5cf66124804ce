using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>
/// Guards for training loops: fail fast, with a useful message, when a loss, an activation or a
/// gradient stops being finite, instead of silently training on NaN.
/// </summary>
public static class NumericChecks
{
    /// <summary>Throws <see cref="NonFiniteValueException"/> if <paramref name="tensor"/> holds NaN or ±infinity.</summary>
    /// <param name="tensor">The tensor to check (not modified).</param>
    /// <param name="name">A name for the message, e.g. <c>loss</c> or a parameter key.</param>
    /// <exception cref="NonFiniteValueException">Some element is not finite.</exception>
    public static void ThrowIfNotFinite(Tensor tensor, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ReadOnlySpan<float> data = tensor.Data;
        int first = FiniteCheckKernels.IndexOfNonFinite(data);
        if (first < 0) return;
        throw new NonFiniteValueException(name, tensor.ShapeArray, first, data[first], FiniteCheckKernels.CountNonFinite(data[first..]));
    }
}
