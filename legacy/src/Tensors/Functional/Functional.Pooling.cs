using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// OWNER: norm/pool helper. Max pools treat padding as -infinity; avg pools default to count_include_pad = true.
// The 2-D pools are the 3-D kernels with a time extent of 1. Leading dims (N, C or just C) are independent planes.
public static partial class Functional
{
    /// <summary>2-D max pooling of (N, C, H, W) (or (C, H, W)); stride defaults to the kernel size. Padding acts as −∞.</summary>
    /// <exception cref="ShapeMismatchException">Wrong rank, or the output would be empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive kernel or stride, or padding above half the kernel.</exception>
    public static Tensor MaxPool2d(Tensor input, Size2 kernel, Size2? stride = null, Size2 padding = default, bool ceilMode = false)
    {
        var g = PoolGeometry2d("MaxPool2d", input, kernel, stride ?? kernel, padding, ceilMode);
        return MaxPool("MaxPool2d", input, g, 2);
    }

    /// <summary>2-D average pooling of (N, C, H, W) (or (C, H, W)) with zero padding; stride defaults to the kernel size.</summary>
    /// <param name="input">The input.</param>
    /// <param name="kernel">Window size.</param>
    /// <param name="stride">Step between windows (default: the kernel size).</param>
    /// <param name="padding">Implicit zero padding on both sides (at most half the kernel).</param>
    /// <param name="ceilMode">Round the output size up; the last window must still start inside the input or the left padding.</param>
    /// <param name="countIncludePad">Divide by the window size including padding (PyTorch's default) rather than by the valid elements.</param>
    /// <exception cref="ShapeMismatchException">Wrong rank, or the output would be empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive kernel or stride, or padding above half the kernel.</exception>
    public static Tensor AvgPool2d(Tensor input, Size2 kernel, Size2? stride = null, Size2 padding = default, bool ceilMode = false, bool countIncludePad = true)
    {
        var g = PoolGeometry2d("AvgPool2d", input, kernel, stride ?? kernel, padding, ceilMode);
        return AvgPool("AvgPool2d", input, g, 2, countIncludePad);
    }

    /// <summary>2-D adaptive average pooling to <paramref name="outputSize"/> (PyTorch's start/end index rule).</summary>
    /// <remarks>Output i of a dim averages input [floor(i·in/out), ceil((i+1)·in/out)); (1, 1) is global average pooling.</remarks>
    /// <exception cref="ShapeMismatchException">Wrong rank or an empty spatial dim.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive output size.</exception>
    public static Tensor AdaptiveAvgPool2d(Tensor input, Size2 outputSize)
    {
        CheckPoolRank("AdaptiveAvgPool2d", input, 2);
        return AdaptiveAvgPool("AdaptiveAvgPool2d", input, 1, input.Size(-2), input.Size(-1), new Size3(1, outputSize.H, outputSize.W), 2);
    }

    /// <summary>3-D max pooling of (N, C, T, H, W) (or (C, T, H, W)); stride defaults to the kernel size. Padding acts as −∞.</summary>
    /// <exception cref="ShapeMismatchException">Wrong rank, or the output would be empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive kernel or stride, or padding above half the kernel.</exception>
    public static Tensor MaxPool3d(Tensor input, Size3 kernel, Size3? stride = null, Size3 padding = default, bool ceilMode = false)
    {
        var g = PoolGeometry3d("MaxPool3d", input, kernel, stride ?? kernel, padding, ceilMode);
        return MaxPool("MaxPool3d", input, g, 3);
    }

    /// <summary>3-D average pooling of (N, C, T, H, W) (or (C, T, H, W)); see <see cref="AvgPool2d"/> for the arguments.</summary>
    /// <exception cref="ShapeMismatchException">Wrong rank, or the output would be empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive kernel or stride, or padding above half the kernel.</exception>
    public static Tensor AvgPool3d(Tensor input, Size3 kernel, Size3? stride = null, Size3 padding = default, bool ceilMode = false, bool countIncludePad = true)
    {
        var g = PoolGeometry3d("AvgPool3d", input, kernel, stride ?? kernel, padding, ceilMode);
        return AvgPool("AvgPool3d", input, g, 3, countIncludePad);
    }

    /// <summary>3-D adaptive average pooling (PyTorch's start/end index rule; (1, 1, 1) is global average pooling).</summary>
    /// <exception cref="ShapeMismatchException">Wrong rank or an empty spatial dim.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive output size.</exception>
    public static Tensor AdaptiveAvgPool3d(Tensor input, Size3 outputSize)
    {
        CheckPoolRank("AdaptiveAvgPool3d", input, 3);
        return AdaptiveAvgPool("AdaptiveAvgPool3d", input, input.Size(-3), input.Size(-2), input.Size(-1), outputSize, 3);
    }

    // ---------------------------------------------------------------- shared

    private static Tensor MaxPool(string op, Tensor input, PoolGeometry g, int spatialDims)
    {
        int planes = PoolPlanes(input, spatialDims);
        var result = Tensor.Uninitialized(PoolOutputShape(input, g, spatialDims));
        var argmax = new int[planes * g.OutPlane];
        PoolingKernels.MaxForward(input.RawArray, result.RawArray, argmax, planes, g);
        if (Autograd.IsRecording(input)) result.SetGradFn(new MaxPoolNode(op, input, argmax, planes, g));
        return result;
    }

    private static Tensor AvgPool(string op, Tensor input, PoolGeometry g, int spatialDims, bool countIncludePad)
    {
        int planes = PoolPlanes(input, spatialDims);
        var result = Tensor.Uninitialized(PoolOutputShape(input, g, spatialDims));
        PoolingKernels.AvgForward(input.RawArray, result.RawArray, planes, g, countIncludePad);
        if (Autograd.IsRecording(input)) result.SetGradFn(new AvgPoolNode(op, input, planes, g, countIncludePad));
        return result;
    }

    private static Tensor AdaptiveAvgPool(string op, Tensor input, int inT, int inH, int inW, Size3 output, int spatialDims)
    {
        if (output.T <= 0 || output.H <= 0 || output.W <= 0)
            throw new ArgumentOutOfRangeException(nameof(output), output, $"{op}: output size must be positive, got {output} for input {ShapeHelper.Format(input.Shape)}.");
        if (inT <= 0 || inH <= 0 || inW <= 0)
            throw new ShapeMismatchException($"{op}: input {ShapeHelper.Format(input.Shape)} has an empty spatial dim.");
        var g = new PoolGeometry(inT, inH, inW, output.T, output.H, output.W, default, default, default);
        int planes = PoolPlanes(input, spatialDims);
        var result = Tensor.Uninitialized(PoolOutputShape(input, g, spatialDims));
        PoolingKernels.AdaptiveAvgForward(input.RawArray, result.RawArray, planes, g);
        if (Autograd.IsRecording(input)) result.SetGradFn(new AdaptiveAvgPoolNode(op, input, planes, g));
        return result;
    }

    private static PoolGeometry PoolGeometry2d(string op, Tensor input, Size2 kernel, Size2 stride, Size2 padding, bool ceilMode)
    {
        CheckPoolRank(op, input, 2);
        return MakePoolGeometry(op, input, 1, input.Size(-2), input.Size(-1),
            new Size3(1, kernel.H, kernel.W), new Size3(1, stride.H, stride.W), new Size3(0, padding.H, padding.W), ceilMode, $"kernel {kernel}, stride {stride}, padding {padding}");
    }

    private static PoolGeometry PoolGeometry3d(string op, Tensor input, Size3 kernel, Size3 stride, Size3 padding, bool ceilMode)
    {
        CheckPoolRank(op, input, 3);
        return MakePoolGeometry(op, input, input.Size(-3), input.Size(-2), input.Size(-1), kernel, stride, padding, ceilMode,
            $"kernel {kernel}, stride {stride}, padding {padding}");
    }

    private static PoolGeometry MakePoolGeometry(string op, Tensor input, int inT, int inH, int inW, Size3 k, Size3 s, Size3 p, bool ceilMode, string settings)
    {
        if (k.T <= 0 || k.H <= 0 || k.W <= 0)
            throw new ArgumentOutOfRangeException("kernel", $"{op}: kernel size must be positive ({settings}, input {ShapeHelper.Format(input.Shape)}).");
        if (s.T <= 0 || s.H <= 0 || s.W <= 0)
            throw new ArgumentOutOfRangeException("stride", $"{op}: stride must be positive ({settings}, input {ShapeHelper.Format(input.Shape)}).");
        if (p.T < 0 || p.H < 0 || p.W < 0 || p.T > k.T / 2 || p.H > k.H / 2 || p.W > k.W / 2)
            throw new ArgumentOutOfRangeException("padding", $"{op}: padding must be between 0 and half the kernel size ({settings}, input {ShapeHelper.Format(input.Shape)}).");
        int outT = PoolGeometry.OutputLength(inT, k.T, s.T, p.T, ceilMode);
        int outH = PoolGeometry.OutputLength(inH, k.H, s.H, p.H, ceilMode);
        int outW = PoolGeometry.OutputLength(inW, k.W, s.W, p.W, ceilMode);
        if (outT <= 0 || outH <= 0 || outW <= 0)
            throw new ShapeMismatchException($"{op}: input {ShapeHelper.Format(input.Shape)} is too small for {settings}: the output would be {outT}x{outH}x{outW}.");
        return new PoolGeometry(inT, inH, inW, outT, outH, outW, k, s, p);
    }

    private static void CheckPoolRank(string op, Tensor input, int spatialDims)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != spatialDims + 1 && input.Rank != spatialDims + 2)
        {
            string layout = spatialDims == 2 ? "(N, C, H, W) or (C, H, W)" : "(N, C, T, H, W) or (C, T, H, W)";
            throw new ShapeMismatchException($"{op}: expected a {layout} input, got {ShapeHelper.Format(input.Shape)}.");
        }
    }

    private static int PoolPlanes(Tensor input, int spatialDims)
    {
        int planes = 1;
        for (int d = 0; d < input.Rank - spatialDims; d++) planes *= input.Size(d);
        return planes;
    }

    private static int[] PoolOutputShape(Tensor input, PoolGeometry g, int spatialDims)
    {
        int[] shape = input.ShapeArray;
        int r = shape.Length;
        shape[r - 1] = g.OutW;
        shape[r - 2] = g.OutH;
        if (spatialDims == 3) shape[r - 3] = g.OutT;
        return shape;
    }
}
