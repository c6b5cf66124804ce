namespace MLVideo.Tensors.Kernels;

/// <summary>
/// The window geometry of a 3-D pooling over planes of (T, H, W); a 2-D pooling is the case T = kT = 1.
/// Window o along a dim covers [o·stride − pad, o·stride − pad + kernel), clipped to the input.
/// </summary>
internal readonly record struct PoolGeometry(
    int InT, int InH, int InW,
    int OutT, int OutH, int OutW,
    Size3 Kernel, Size3 Stride, Size3 Padding)
{
    /// <summary>Elements of one input plane (T·H·W).</summary>
    public int InPlane => InT * InH * InW;

    /// <summary>Elements of one output plane.</summary>
    public int OutPlane => OutT * OutH * OutW;

    /// <summary>
    /// PyTorch's output length: floor (or ceil) of (in + 2 pad − kernel) / stride, plus one; in ceil mode the
    /// last window is dropped when it would start in the right padding (it must start inside the input or
    /// the left padding).
    /// </summary>
    public static int OutputLength(int input, int kernel, int stride, int pad, bool ceilMode)
    {
        long span = (long)input + 2L * pad - kernel + (ceilMode ? stride - 1 : 0);
        long output = (span < 0 ? -((-span + stride - 1) / stride) : span / stride) + 1;
        if (ceilMode && (output - 1) * stride >= input + pad) output--;
        return (int)Math.Clamp(output, int.MinValue, int.MaxValue);
    }
}
