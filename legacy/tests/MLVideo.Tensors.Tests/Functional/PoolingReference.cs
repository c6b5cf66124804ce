namespace MLVideo.Tensors.Tests.Functional;

/// <summary>
/// Deliberately naive pooling over (planes, T, H, W) for the kernel tests: every window is walked over the
/// PADDED coordinates, element by element, in double.
/// </summary>
internal static class PoolingReference
{
    /// <summary>PyTorch's output length, written the long way.</summary>
    public static int OutputLength(int input, int kernel, int stride, int pad, bool ceilMode)
    {
        double exact = (double)(input + 2 * pad - kernel) / stride;
        int output = (ceilMode ? (int)Math.Ceiling(exact) : (int)Math.Floor(exact)) + 1;
        // The last window must start inside the input or the left padding.
        if (ceilMode && (output - 1) * stride >= input + pad) output--;
        return output;
    }

    public enum Kind { Max, AvgIncludePad, AvgExcludePad }

    /// <summary>Forward and input gradient (for upstream gradient <paramref name="dy"/>) of a pooling.</summary>
    public static (double[] Y, double[] Dx) Pool(Kind kind, float[] x, float[] dy, int planes, int[] input, int[] kernel, int[] stride, int[] pad, bool ceilMode)
    {
        int[] output = new int[3];
        for (int d = 0; d < 3; d++) output[d] = OutputLength(input[d], kernel[d], stride[d], pad[d], ceilMode);
        int inPlane = input[0] * input[1] * input[2], outPlane = output[0] * output[1] * output[2];
        var y = new double[planes * outPlane];
        var dx = new double[planes * inPlane];
        for (int p = 0; p < planes; p++)
            for (int ot = 0; ot < output[0]; ot++)
                for (int oh = 0; oh < output[1]; oh++)
                    for (int ow = 0; ow < output[2]; ow++)
                    {
                        int o = p * outPlane + (ot * output[1] + oh) * output[2] + ow;
                        double best = double.NegativeInfinity, sum = 0;
                        int bestAt = -1, inside = 0, padded = 0;
                        var members = new List<int>();
                        for (int a = 0; a < kernel[0]; a++)
                            for (int b = 0; b < kernel[1]; b++)
                                for (int c = 0; c < kernel[2]; c++)
                                {
                                    int t = ot * stride[0] - pad[0] + a, h = oh * stride[1] - pad[1] + b, w = ow * stride[2] - pad[2] + c;
                                    bool inPadded = t < input[0] + pad[0] && h < input[1] + pad[1] && w < input[2] + pad[2];
                                    if (inPadded) padded++;
                                    if (t < 0 || h < 0 || w < 0 || t >= input[0] || h >= input[1] || w >= input[2]) continue;
                                    int i = p * inPlane + (t * input[1] + h) * input[2] + w;
                                    inside++;
                                    sum += x[i];
                                    members.Add(i);
                                    if (x[i] > best) { best = x[i]; bestAt = i; }
                                }
                        if (kind == Kind.Max)
                        {
                            y[o] = best;
                            dx[bestAt] += dy[o];
                        }
                        else
                        {
                            int divisor = kind == Kind.AvgIncludePad ? padded : inside;
                            y[o] = sum / divisor;
                            foreach (int i in members) dx[i] += (double)dy[o] / divisor;
                        }
                    }
        return (y, dx);
    }

    /// <summary>Adaptive average pooling: window i = [floor(i·in/out), ceil((i+1)·in/out)) per dim.</summary>
    public static (double[] Y, double[] Dx) Adaptive(float[] x, float[] dy, int planes, int[] input, int[] output)
    {
        int inPlane = input[0] * input[1] * input[2], outPlane = output[0] * output[1] * output[2];
        var y = new double[planes * outPlane];
        var dx = new double[planes * inPlane];
        for (int p = 0; p < planes; p++)
            for (int ot = 0; ot < output[0]; ot++)
                for (int oh = 0; oh < output[1]; oh++)
                    for (int ow = 0; ow < output[2]; ow++)
                    {
                        int o = p * outPlane + (ot * output[1] + oh) * output[2] + ow;
                        int t0 = (int)Math.Floor((double)ot * input[0] / output[0]), t1 = (int)Math.Ceiling((double)(ot + 1) * input[0] / output[0]);
                        int h0 = (int)Math.Floor((double)oh * input[1] / output[1]), h1 = (int)Math.Ceiling((double)(oh + 1) * input[1] / output[1]);
                        int w0 = (int)Math.Floor((double)ow * input[2] / output[2]), w1 = (int)Math.Ceiling((double)(ow + 1) * input[2] / output[2]);
                        int count = (t1 - t0) * (h1 - h0) * (w1 - w0);
                        double sum = 0;
                        for (int t = t0; t < t1; t++)
                            for (int h = h0; h < h1; h++)
                                for (int w = w0; w < w1; w++) sum += x[p * inPlane + (t * input[1] + h) * input[2] + w];
                        y[o] = sum / count;
                        for (int t = t0; t < t1; t++)
                            for (int h = h0; h < h1; h++)
                                for (int w = w0; w < w1; w++) dx[p * inPlane + (t * input[1] + h) * input[2] + w] += (double)dy[o] / count;
                    }
        return (y, dx);
    }
}
