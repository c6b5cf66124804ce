using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Finds NaN and ±infinity. x - x is 0 for every finite x and NaN otherwise, so one subtract and
/// compare per vector tests 16 values; the scalar search only starts once a vector has a hit.
/// </summary>
internal static class FiniteCheckKernels
{
    /// <summary>Index of the first NaN or infinite element, or -1 if all are finite.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> x)
    {
        int n = x.Length, i = 0;
        ref float xr = ref MemoryMarshal.GetReference(x);
        if (KernelWidth.Use512)
        {
            for (; i <= n - 16; i += 16)
            {
                Vector512<float> v = Vector512.LoadUnsafe(ref xr, (nuint)i);
                ulong finite = Vector512.Equals(v - v, Vector512<float>.Zero).ExtractMostSignificantBits();
                if (finite != 0xFFFF) return i + BitOperations.TrailingZeroCount(~finite);
            }
        }
        else if (KernelWidth.Use256)
        {
            for (; i <= n - 8; i += 8)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref xr, (nuint)i);
                uint finite = Vector256.Equals(v - v, Vector256<float>.Zero).ExtractMostSignificantBits();
                if (finite != 0xFF) return i + BitOperations.TrailingZeroCount(~finite);
            }
        }
        for (; i < n; i++)
            if (!float.IsFinite(x[i])) return i;
        return -1;
    }

    /// <summary>Number of NaN or infinite elements.</summary>
    public static int CountNonFinite(ReadOnlySpan<float> x)
    {
        int count = 0;
        foreach (float v in x)
            if (!float.IsFinite(v)) count++;
        return count;
    }
}
