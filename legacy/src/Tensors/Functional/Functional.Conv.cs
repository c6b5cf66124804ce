using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

public static partial class Functional
{
    /// <summary>
    /// 2-D convolution (PyTorch's <c>conv2d</c>) of (N, C, H, W) with weight [out, in/groups, kH, kW] and an
    /// optional bias [out]. Output (N, out, Hout, Wout), Hout = floor((H + 2 padding - dilation (kH - 1) - 1) / stride) + 1.
    /// </summary>
    /// <exception cref="ShapeMismatchException">Ranks, channels, groups or bias do not fit, or the kernel is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Stride or dilation below 1, negative padding, groups below 1.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
        Conv2d(input, weight, bias, (Size2)stride, (Size2)padding, (Size2)dilation, groups);

    /// <summary>2-D convolution with per-axis stride, padding and dilation (see the other overload).</summary>
    /// <exception cref="ShapeMismatchException">Ranks, channels, groups or bias do not fit, or the kernel is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Stride or dilation below 1, negative padding, groups below 1.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, Size2 stride, Size2 padding, Size2 dilation, int groups = 1)
    {
        const string op = "Conv2d";
        CheckRanks(op, input, weight, 4);
        var g = Geometry(op, input, weight, bias, groups,
            (1, input.Size(2), input.Size(3)), (1, weight.Size(2), weight.Size(3)),
            (1, stride.H, stride.W), (0, padding.H, padding.W), (1, dilation.H, dilation.W));
        return Convolve(op, "conv2d", g, input, weight, bias, [g.Batch, g.OutChannels, g.OutH, g.OutW]);
    }

    /// <summary>
    /// 3-D convolution (PyTorch's <c>conv3d</c>) of (N, C, T, H, W) with weight [out, in/groups, kT, kH, kW] and an
    /// optional bias [out]. Output (N, out, Tout, Hout, Wout), each axis sized as in <see cref="Conv2d(Tensor, Tensor, Tensor?, int, int, int, int)"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">Ranks, channels, groups or bias do not fit, or the kernel is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Stride or dilation below 1, negative padding, groups below 1.</exception>
    public static Tensor Conv3d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
        Conv3d(input, weight, bias, (Size3)stride, (Size3)padding, (Size3)dilation, groups);

    /// <summary>3-D convolution with per-axis stride, padding and dilation (see the other overload).</summary>
    /// <exception cref="ShapeMismatchException">Ranks, channels, groups or bias do not fit, or the kernel is larger than the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Stride or dilation below 1, negative padding, groups below 1.</exception>
    public static Tensor Conv3d(Tensor input, Tensor weight, Tensor? bias, Size3 stride, Size3 padding, Size3 dilation, int groups = 1)
    {
        const string op = "Conv3d";
        CheckRanks(op, input, weight, 5);
        var g = Geometry(op, input, weight, bias, groups,
            (input.Size(2), input.Size(3), input.Size(4)), (weight.Size(2), weight.Size(3), weight.Size(4)),
            (stride.T, stride.H, stride.W), (padding.T, padding.H, padding.W), (dilation.T, dilation.H, dilation.W));
        return Convolve(op, "conv3d", g, input, weight, bias, [g.Batch, g.OutChannels, g.OutD, g.OutH, g.OutW]);
    }

    private static Tensor Convolve(string op, string macName, in ConvGeometry g, Tensor input, Tensor weight, Tensor? bias, int[] outputShape)
    {
        if (MacCounter.IsActive) MacCounter.Add(macName, g.Macs);
        var output = Tensor.Uninitialized(outputShape);
        if (output.Count > 0)
        {
            if (g.IsDepthwise) DepthwiseConvKernels.Forward(g, input.RawArray, weight.RawArray, bias?.RawArray, output.RawArray);
            else ConvKernels.Forward(g, input.RawArray, weight.RawArray, bias?.RawArray, output.RawArray);
        }
        if (Autograd.IsRecording(input, weight, bias)) output.SetGradFn(new ConvNode(op + "Backward", g, input, weight, bias));
        return output;
    }

    private static void CheckRanks(string op, Tensor input, Tensor weight, int rank)
    {
        string layout = rank == 4 ? "(N, C, H, W)" : "(N, C, T, H, W)";
        if (input.Rank != rank)
            throw new ShapeMismatchException($"{op}: input {ShapeHelper.Format(input.Shape)} has rank {input.Rank}; expected rank {rank} {layout}.");
        if (weight.Rank != rank)
            throw new ShapeMismatchException($"{op}: weight {ShapeHelper.Format(weight.Shape)} has rank {weight.Rank}; expected rank {rank} [out, in/groups, kernel...].");
    }

    private static ConvGeometry Geometry(string op, Tensor input, Tensor weight, Tensor? bias, int groups,
        (int D, int H, int W) size, (int D, int H, int W) kernel, (int D, int H, int W) stride,
        (int D, int H, int W) padding, (int D, int H, int W) dilation)
    {
        string shapes = $"input {ShapeHelper.Format(input.Shape)}, weight {ShapeHelper.Format(weight.Shape)}";
        if (groups < 1) throw new ArgumentOutOfRangeException(nameof(groups), groups, $"{op}: groups must be at least 1 ({shapes}).");
        if (Math.Min(stride.D, Math.Min(stride.H, stride.W)) < 1)
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"{op}: stride must be at least 1 ({shapes}).");
        if (Math.Min(dilation.D, Math.Min(dilation.H, dilation.W)) < 1)
            throw new ArgumentOutOfRangeException(nameof(dilation), dilation, $"{op}: dilation must be at least 1 ({shapes}).");
        if (Math.Min(padding.D, Math.Min(padding.H, padding.W)) < 0)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, $"{op}: padding must not be negative ({shapes}).");

        int inChannels = input.Size(1), outChannels = weight.Size(0);
        if (inChannels % groups != 0)
            throw new ShapeMismatchException($"{op}: groups {groups} does not divide the {inChannels} input channels of {shapes}.");
        if (outChannels % groups != 0)
            throw new ShapeMismatchException($"{op}: groups {groups} does not divide the {outChannels} output channels of {shapes}.");
        if (weight.Size(1) * groups != inChannels)
            throw new ShapeMismatchException($"{op}: input {ShapeHelper.Format(input.Shape)} has {inChannels} channels but weight {ShapeHelper.Format(weight.Shape)} expects {weight.Size(1) * groups} (groups {groups}).");
        if (bias is not null && (bias.Rank != 1 || bias.Size(0) != outChannels))
            throw new ShapeMismatchException($"{op}: bias {ShapeHelper.Format(bias.Shape)} does not match the {outChannels} output channels of weight {ShapeHelper.Format(weight.Shape)}; expected [{outChannels}].");

        CheckAxis(op, shapes, "depth", size.D, kernel.D, padding.D, dilation.D);
        CheckAxis(op, shapes, "height", size.H, kernel.H, padding.H, dilation.H);
        CheckAxis(op, shapes, "width", size.W, kernel.W, padding.W, dilation.W);
        return new ConvGeometry(input.Size(0), inChannels, outChannels, groups, size, kernel, stride, padding, dilation);
    }

    private static void CheckAxis(string op, string shapes, string axis, int size, int kernel, int padding, int dilation)
    {
        if (kernel < 1)
            throw new ShapeMismatchException($"{op}: kernel {axis} {kernel} must be at least 1 ({shapes}).");
        long effective = (long)dilation * (kernel - 1) + 1;
        if (effective > size + 2L * padding)
            throw new ShapeMismatchException(
                $"{op}: kernel {axis} {kernel} (dilation {dilation}, so {effective}) is larger than the padded input {axis} {size} + 2 x {padding} ({shapes}).");
    }
}
