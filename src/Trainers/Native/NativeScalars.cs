using TorchSharp;

namespace MLVideo.Trainers.Native;

/// <summary>
/// Constant <see cref="Scalar"/>s for native calls, held in static fields so that they are never collected.
/// </summary>
/// <remarks>
/// Why this exists: a TorchSharp <see cref="Scalar"/> is a managed wrapper around a native scalar, freed by its
/// finalizer. An implicit conversion (<c>x + y</c> is <c>x.add(y, 1)</c>; <c>x * 0.5</c>, <c>1 - x</c>,
/// <c>add_(g, alpha: 0.1)</c>) makes a temporary whose only use is reading its handle for the P/Invoke; from then on
/// the temporary is unreachable, so a garbage collection during the native call (other threads allocate: prefetch,
/// decoding) can run its finalizer and free the scalar while libtorch still reads it (seen as
/// "Expected false to be true ... toFloat at c10/core/Scalar.h" from <c>add_Tensor</c>, or worse, silent garbage).
/// Every Scalar given to a native call must therefore stay reachable until the call returns: a static field here
/// for constants, or a <c>using var</c> local (its Dispose after the call keeps it alive) for values computed per
/// call. Operators and overloads that take a number, or that call an alpha overload with a literal inside
/// TorchSharp (<c>Tensor + Tensor</c>, <c>add(Tensor)</c>, <c>add_(Scalar)</c>, <c>Scalar - Tensor</c>), are
/// not to be used on a path that runs per step or per prediction.
/// </remarks>
internal static class NativeScalars
{
    /// <summary>1, e.g. the alpha of a plain <c>add</c>: <c>x.add(y, NativeScalars.One)</c> for <c>x + y</c>.</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>-1, e.g. <c>x.add(y, NativeScalars.MinusOne)</c> for <c>x - y</c> through the alpha overload.</summary>
    public static readonly Scalar MinusOne = (-1).ToScalar();
}
