namespace MLVideo.Tensors;

// OWNER: norm/pool helper. Max pools treat padding as -infinity; avg pools default to count_include_pad = true.
public static partial class Functional
{
    /// <summary>2-D max pooling of (N, C, H, W); stride defaults to the kernel size.</summary>
    public static Tensor MaxPool2d(Tensor input, Size2 kernel, Size2? stride = null, Size2 padding = default, bool ceilMode = false) => throw new NotImplementedException();
    /// <summary>2-D average pooling.</summary>
    public static Tensor AvgPool2d(Tensor input, Size2 kernel, Size2? stride = null, Size2 padding = default, bool ceilMode = false, bool countIncludePad = true) => throw new NotImplementedException();
    /// <summary>2-D adaptive average pooling to <paramref name="outputSize"/> (PyTorch's start/end index rule).</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, Size2 outputSize) => throw new NotImplementedException();
    /// <summary>3-D max pooling of (N, C, T, H, W).</summary>
    public static Tensor MaxPool3d(Tensor input, Size3 kernel, Size3? stride = null, Size3 padding = default, bool ceilMode = false) => throw new NotImplementedException();
    /// <summary>3-D average pooling.</summary>
    public static Tensor AvgPool3d(Tensor input, Size3 kernel, Size3? stride = null, Size3 padding = default, bool ceilMode = false, bool countIncludePad = true) => throw new NotImplementedException();
    /// <summary>3-D adaptive average pooling.</summary>
    public static Tensor AdaptiveAvgPool3d(Tensor input, Size3 outputSize) => throw new NotImplementedException();
}
