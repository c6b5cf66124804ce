namespace MLVideo.Tensors.Kernels;

/// <summary>The GEMM calls of a fully connected layer on row-major [rows, features] data.</summary>
internal static class LinearKernels
{
    /// <summary>y = x W^T + b: y starts as the bias in every row and the GEMM accumulates onto it (one pass over y).</summary>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y,
        int rows, int inFeatures, int outFeatures, bool hasBias)
    {
        if (hasBias)
            for (int r = 0; r < rows; r++) bias.CopyTo(y.Slice(r * outFeatures, outFeatures));
        Gemm.Sgemm(false, true, rows, outFeatures, inFeatures, 1f, x, Math.Max(1, inFeatures), weight, Math.Max(1, inFeatures),
            hasBias ? 1f : 0f, y, Math.Max(1, outFeatures));
    }

    /// <summary>dX = dY W.</summary>
    public static void GradInput(ReadOnlySpan<float> gradOut, ReadOnlySpan<float> weight, Span<float> gradInput, int rows, int inFeatures, int outFeatures) =>
        Gemm.Sgemm(false, false, rows, inFeatures, outFeatures, 1f, gradOut, Math.Max(1, outFeatures), weight, Math.Max(1, inFeatures),
            0f, gradInput, Math.Max(1, inFeatures));

    /// <summary>dW = dY^T X, summed over all rows.</summary>
    public static void GradWeight(ReadOnlySpan<float> gradOut, ReadOnlySpan<float> x, Span<float> gradWeight, int rows, int inFeatures, int outFeatures) =>
        Gemm.Sgemm(true, false, outFeatures, inFeatures, rows, 1f, gradOut, Math.Max(1, outFeatures), x, Math.Max(1, inFeatures),
            0f, gradWeight, Math.Max(1, inFeatures));

    /// <summary>db = the column sums of dY, accumulated row by row in order (deterministic). <paramref name="gradBias"/> must be zeroed.</summary>
    public static void GradBias(ReadOnlySpan<float> gradOut, Span<float> gradBias, int rows, int outFeatures)
    {
        for (int r = 0; r < rows; r++) ElementwiseKernels.AddInPlace(gradBias, gradOut.Slice(r * outFeatures, outFeatures));
    }
}
