namespace MLVideo.Tensors;

// OWNER: conv helper.
public static partial class Functional
{
    /// <summary>2-D convolution of (N, C, H, W) with weight [out, in/groups, kH, kW].</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
        Conv2d(input, weight, bias, (Size2)stride, (Size2)padding, (Size2)dilation, groups);

    /// <summary>2-D convolution with per-axis stride, padding and dilation.</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, Size2 stride, Size2 padding, Size2 dilation, int groups = 1) => throw new NotImplementedException();

    /// <summary>3-D convolution of (N, C, T, H, W) with weight [out, in/groups, kT, kH, kW].</summary>
    public static Tensor Conv3d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
        Conv3d(input, weight, bias, (Size3)stride, (Size3)padding, (Size3)dilation, groups);

    /// <summary>3-D convolution with per-axis stride, padding and dilation.</summary>
    public static Tensor Conv3d(Tensor input, Tensor weight, Tensor? bias, Size3 stride, Size3 padding, Size3 dilation, int groups = 1) => throw new NotImplementedException();
}
