namespace MLVideo.Tensors.Kernels;

// In-place span helpers for optimisers, batch norm and gradient clipping (not recorded by autograd).
internal static partial class ElementwiseKernels
{
    /// <summary>x[i] *= alpha.</summary>
    public static void Scale(Span<float> x, float alpha) => UnaryKernels.Apply(new ScaleOperator(alpha), x, x);

    /// <summary>y[i] += alpha * x[i] (BLAS axpy).</summary>
    public static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length != y.Length) ThrowLengths(nameof(Axpy), y.Length, x.Length);
        BinaryKernels.Apply(new AxpyOperator(alpha), x, y, y);
    }

    /// <summary>y[i] = alpha * x[i] + beta * y[i] (e.g. momentum buffers and running statistics).</summary>
    public static void AxpBy(float alpha, ReadOnlySpan<float> x, float beta, Span<float> y)
    {
        if (x.Length != y.Length) ThrowLengths(nameof(AxpBy), y.Length, x.Length);
        BinaryKernels.Apply(new AxpByOperator(alpha, beta), x, y, y);
    }

    /// <summary>destination[i] *= source[i].</summary>
    public static void MultiplyInPlace(Span<float> destination, ReadOnlySpan<float> source)
    {
        if (source.Length != destination.Length) ThrowLengths(nameof(MultiplyInPlace), destination.Length, source.Length);
        BinaryKernels.Apply(new MultiplyOperator(), destination, source, destination);
    }

    /// <summary>sum x[i]^2 accumulated in double over fixed blocks (gradient-norm clipping).</summary>
    public static double SumOfSquares(ReadOnlySpan<float> x)
    {
        const int Block = 4096;
        double total = 0;
        for (int i = 0; i < x.Length; i += Block)
        {
            ReadOnlySpan<float> part = x.Slice(i, Math.Min(Block, x.Length - i));
            total += ReductionKernels.Dot(part, part);
        }
        return total;
    }
}
