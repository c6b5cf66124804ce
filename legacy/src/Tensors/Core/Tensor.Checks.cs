using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

public sealed partial class Tensor
{
    /// <summary>True if no element is NaN or ±infinity (see <see cref="NumericChecks.ThrowIfNotFinite"/> for a throwing check).</summary>
    public bool AllFinite() => FiniteCheckKernels.IndexOfNonFinite(Data) < 0;
}
