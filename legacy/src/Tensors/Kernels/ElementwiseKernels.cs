using System.Numerics;
using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

/// <summary>Span-in, span-out elementwise kernels (see the style guide: validate once, widest vector first).</summary>
internal static partial class ElementwiseKernels
{
    /// <summary>destination[i] += source[i].</summary>
    public static void AddInPlace(Span<float> destination, ReadOnlySpan<float> source)
    {
        if (source.Length != destination.Length) ThrowLengths(nameof(AddInPlace), destination.Length, source.Length);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= destination.Length - 16; i += 16)
                (Vector512.Create(destination.Slice(i, 16)) + Vector512.Create(source.Slice(i, 16))).CopyTo(destination.Slice(i, 16));
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= destination.Length - 8; i += 8)
                (Vector256.Create(destination.Slice(i, 8)) + Vector256.Create(source.Slice(i, 8))).CopyTo(destination.Slice(i, 8));
        }
        for (; i < destination.Length; i++) destination[i] += source[i];
    }

    private static void ThrowLengths(string op, int a, int b) =>
        throw new ArgumentException($"{op}: span lengths differ ({a} vs {b}).");
}
