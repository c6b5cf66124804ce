using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// A one-input elementwise function at every vector width. A struct implementing it is passed by
/// value to the generic drivers in <see cref="UnaryKernels"/>, so the JIT specialises and inlines
/// each op (no delegates); instance fields carry parameters such as clamp bounds.
/// </summary>
internal interface IUnaryOperator
{
    /// <summary>The scalar function.</summary>
    float Invoke(float x);

    /// <summary>The function on 8 lanes.</summary>
    Vector256<float> Invoke(Vector256<float> x);

    /// <summary>The function on 16 lanes.</summary>
    Vector512<float> Invoke(Vector512<float> x);
}

/// <summary>A two-input elementwise function at every vector width (see <see cref="IUnaryOperator"/>).</summary>
internal interface IBinaryOperator
{
    /// <summary>The scalar function.</summary>
    float Invoke(float x, float y);

    /// <summary>The function on 8 lanes.</summary>
    Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);

    /// <summary>The function on 16 lanes.</summary>
    Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);
}

/// <summary>
/// The widest vector width the kernels may use. Tests lower it to exercise the Vector256 and scalar
/// paths in-process on an AVX-512 machine; production code never changes it.
/// </summary>
internal static class KernelWidth
{
    /// <summary>512, 256 or 0 (scalar only).</summary>
    public static int MaxBits { get; set; } = 512;

    /// <summary>True if the 16-lane path may run.</summary>
    public static bool Use512 => Vector512.IsHardwareAccelerated && MaxBits >= 512;

    /// <summary>True if the 8-lane path may run.</summary>
    public static bool Use256 => Vector256.IsHardwareAccelerated && MaxBits >= 256;
}
