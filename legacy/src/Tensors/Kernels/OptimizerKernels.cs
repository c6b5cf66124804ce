using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Fused optimiser updates on float32 spans, one pass over memory per parameter, in PyTorch's operation order
/// (single-tensor path of <c>torch.optim.SGD</c> and <c>AdamW</c>, torch 1.13). Each "a.add_(b, alpha)" of
/// PyTorch is a fused multiply-add here, as in ATen's vectorised CPU kernel.
/// </summary>
internal static class OptimizerKernels
{
    /// <summary>Elements per parallel chunk: large enough that scheduling is cheap, small enough to split a ResNet layer.</summary>
    private const int ChunkSize = 1 << 15;

    /// <summary>Widest vector (in bits) the kernels may use; tests lower it to exercise the narrower paths.</summary>
    internal static int MaxVectorBits { get; set; } = 512;

    private static bool Use512 => MaxVectorBits >= 512 && Vector512.IsHardwareAccelerated;

    private static bool Use256 => MaxVectorBits >= 256 && Vector256.IsHardwareAccelerated;

    /// <summary>
    /// SGD: d = g + wd p; with momentum: buf = d on the first step, else momentum buf + (1 - dampening) d;
    /// d = nesterov ? d + momentum buf : buf; finally p -= lr d.
    /// </summary>
    public static void Sgd(Span<float> param, ReadOnlySpan<float> grad, Span<float> buffer, in SgdSettings s)
    {
        if (grad.Length != param.Length || (s.UseMomentum && buffer.Length != param.Length))
            ThrowLengths("Sgd", param.Length, grad.Length, buffer.Length);
        int i = 0;
        if (Use512)
        {
            for (; i <= param.Length - 16; i += 16)
            {
                var p = Vector512.Create(param.Slice(i, 16));
                var d = Vector512.FusedMultiplyAdd(p, Vector512.Create(s.WeightDecay), Vector512.Create(grad.Slice(i, 16)));
                if (s.UseMomentum)
                {
                    var b = s.FirstStep ? d : Vector512.FusedMultiplyAdd(d, Vector512.Create(s.OneMinusDampening), Vector512.Create(buffer.Slice(i, 16)) * s.Momentum);
                    b.CopyTo(buffer.Slice(i, 16));
                    d = s.Nesterov ? Vector512.FusedMultiplyAdd(b, Vector512.Create(s.Momentum), d) : b;
                }
                Vector512.FusedMultiplyAdd(d, Vector512.Create(-s.LearningRate), p).CopyTo(param.Slice(i, 16));
            }
        }
        else if (Use256)
        {
            for (; i <= param.Length - 8; i += 8)
            {
                var p = Vector256.Create(param.Slice(i, 8));
                var d = Vector256.FusedMultiplyAdd(p, Vector256.Create(s.WeightDecay), Vector256.Create(grad.Slice(i, 8)));
                if (s.UseMomentum)
                {
                    var b = s.FirstStep ? d : Vector256.FusedMultiplyAdd(d, Vector256.Create(s.OneMinusDampening), Vector256.Create(buffer.Slice(i, 8)) * s.Momentum);
                    b.CopyTo(buffer.Slice(i, 8));
                    d = s.Nesterov ? Vector256.FusedMultiplyAdd(b, Vector256.Create(s.Momentum), d) : b;
                }
                Vector256.FusedMultiplyAdd(d, Vector256.Create(-s.LearningRate), p).CopyTo(param.Slice(i, 8));
            }
        }
        for (; i < param.Length; i++)
        {
            float d = MathF.FusedMultiplyAdd(param[i], s.WeightDecay, grad[i]);
            if (s.UseMomentum)
            {
                float b = s.FirstStep ? d : MathF.FusedMultiplyAdd(d, s.OneMinusDampening, buffer[i] * s.Momentum);
                buffer[i] = b;
                d = s.Nesterov ? MathF.FusedMultiplyAdd(b, s.Momentum, d) : b;
            }
            param[i] = MathF.FusedMultiplyAdd(d, -s.LearningRate, param[i]);
        }
    }

    /// <summary>
    /// AdamW: p *= 1 - lr wd; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
    /// p -= stepSize m / (sqrt(v) / sqrt(bias correction 2) + eps).
    /// </summary>
    public static void AdamW(Span<float> param, ReadOnlySpan<float> grad, Span<float> expAvg, Span<float> expAvgSq, in AdamWSettings s)
    {
        if (grad.Length != param.Length || expAvg.Length != param.Length || expAvgSq.Length != param.Length)
            ThrowLengths("AdamW", param.Length, grad.Length, expAvg.Length);
        int i = 0;
        if (Use512)
        {
            for (; i <= param.Length - 16; i += 16)
            {
                var g = Vector512.Create(grad.Slice(i, 16));
                var p = Vector512.Create(param.Slice(i, 16)) * s.Decay;
                var m = Vector512.FusedMultiplyAdd(g, Vector512.Create(s.OneMinusBeta1), Vector512.Create(expAvg.Slice(i, 16)) * s.Beta1);
                var v = Vector512.FusedMultiplyAdd(g * g, Vector512.Create(s.OneMinusBeta2), Vector512.Create(expAvgSq.Slice(i, 16)) * s.Beta2);
                var denom = Vector512.Sqrt(v) / s.BiasCorrection2Sqrt + Vector512.Create(s.Eps);
                m.CopyTo(expAvg.Slice(i, 16));
                v.CopyTo(expAvgSq.Slice(i, 16));
                Vector512.FusedMultiplyAdd(m / denom, Vector512.Create(-s.StepSize), p).CopyTo(param.Slice(i, 16));
            }
        }
        else if (Use256)
        {
            for (; i <= param.Length - 8; i += 8)
            {
                var g = Vector256.Create(grad.Slice(i, 8));
                var p = Vector256.Create(param.Slice(i, 8)) * s.Decay;
                var m = Vector256.FusedMultiplyAdd(g, Vector256.Create(s.OneMinusBeta1), Vector256.Create(expAvg.Slice(i, 8)) * s.Beta1);
                var v = Vector256.FusedMultiplyAdd(g * g, Vector256.Create(s.OneMinusBeta2), Vector256.Create(expAvgSq.Slice(i, 8)) * s.Beta2);
                var denom = Vector256.Sqrt(v) / s.BiasCorrection2Sqrt + Vector256.Create(s.Eps);
                m.CopyTo(expAvg.Slice(i, 8));
                v.CopyTo(expAvgSq.Slice(i, 8));
                Vector256.FusedMultiplyAdd(m / denom, Vector256.Create(-s.StepSize), p).CopyTo(param.Slice(i, 8));
            }
        }
        for (; i < param.Length; i++)
        {
            float g = grad[i];
            float p = param[i] * s.Decay;
            float m = MathF.FusedMultiplyAdd(g, s.OneMinusBeta1, expAvg[i] * s.Beta1);
            float v = MathF.FusedMultiplyAdd(g * g, s.OneMinusBeta2, expAvgSq[i] * s.Beta2);
            float denom = MathF.Sqrt(v) / s.BiasCorrection2Sqrt + s.Eps;
            expAvg[i] = m;
            expAvgSq[i] = v;
            param[i] = MathF.FusedMultiplyAdd(m / denom, -s.StepSize, p);
        }
    }

    /// <summary>Sum of squares, accumulated per vector lane in float over short blocks and in double across blocks.</summary>
    public static double SumOfSquares(ReadOnlySpan<float> x)
    {
        double total = 0;
        const int Block = 1024;
        for (int start = 0; start < x.Length; start += Block)
        {
            var block = x.Slice(start, Math.Min(Block, x.Length - start));
            int i = 0;
            if (Use512 && block.Length >= 16)
            {
                var acc = Vector512<float>.Zero;
                for (; i <= block.Length - 16; i += 16)
                {
                    var v = Vector512.Create(block.Slice(i, 16));
                    acc = Vector512.FusedMultiplyAdd(v, v, acc);
                }
                total += Vector512.Sum(acc);
            }
            else if (Use256 && block.Length >= 8)
            {
                var acc = Vector256<float>.Zero;
                for (; i <= block.Length - 8; i += 8)
                {
                    var v = Vector256.Create(block.Slice(i, 8));
                    acc = Vector256.FusedMultiplyAdd(v, v, acc);
                }
                total += Vector256.Sum(acc);
            }
            for (; i < block.Length; i++) total += (double)block[i] * block[i];
        }
        return total;
    }

    /// <summary>Largest absolute value (0 for an empty span; NaN if any element is NaN).</summary>
    public static float MaxAbs(ReadOnlySpan<float> x)
    {
        float max = 0;
        foreach (float v in x)
        {
            float a = MathF.Abs(v);
            if (float.IsNaN(a)) return float.NaN;
            if (a > max) max = a;
        }
        return max;
    }

    /// <summary>x[i] *= factor.</summary>
    public static void Scale(Span<float> x, float factor)
    {
        int i = 0;
        if (Use512)
            for (; i <= x.Length - 16; i += 16) (Vector512.Create(x.Slice(i, 16)) * factor).CopyTo(x.Slice(i, 16));
        else if (Use256)
            for (; i <= x.Length - 8; i += 8) (Vector256.Create(x.Slice(i, 8)) * factor).CopyTo(x.Slice(i, 8));
        for (; i < x.Length; i++) x[i] *= factor;
    }

    /// <summary>Runs <see cref="Sgd"/> over chunks of the arrays on both cores (results do not depend on the split).</summary>
    public static void SgdParallel(float[] param, float[] grad, float[]? buffer, int length, SgdSettings settings) =>
        CpuParallel.For((length + ChunkSize - 1) / ChunkSize, new SgdWork(param, grad, buffer, length, settings));

    /// <summary>Runs <see cref="AdamW"/> over chunks of the arrays on both cores.</summary>
    public static void AdamWParallel(float[] param, float[] grad, float[] expAvg, float[] expAvgSq, int length, AdamWSettings settings) =>
        CpuParallel.For((length + ChunkSize - 1) / ChunkSize, new AdamWWork(param, grad, expAvg, expAvgSq, length, settings));

    private readonly struct SgdWork(float[] param, float[] grad, float[]? buffer, int length, SgdSettings settings) : IParallelWork
    {
        public void Execute(int start, int end)
        {
            int from = start * ChunkSize, to = Math.Min(length, end * ChunkSize);
            Sgd(param.AsSpan(from, to - from), grad.AsSpan(from, to - from), buffer is null ? default : buffer.AsSpan(from, to - from), settings);
        }
    }

    private readonly struct AdamWWork(float[] param, float[] grad, float[] expAvg, float[] expAvgSq, int length, AdamWSettings settings) : IParallelWork
    {
        public void Execute(int start, int end)
        {
            int from = start * ChunkSize, to = Math.Min(length, end * ChunkSize);
            AdamW(param.AsSpan(from, to - from), grad.AsSpan(from, to - from), expAvg.AsSpan(from, to - from), expAvgSq.AsSpan(from, to - from), settings);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLengths(string op, int param, int other, int state) =>
        throw new ArgumentException($"OptimizerKernels.{op}: span lengths differ (parameter {param}, gradient {other}, state {state}).");
}

/// <summary>The scalars of one SGD update, already in float as the kernel uses them.</summary>
internal readonly record struct SgdSettings(float LearningRate, float WeightDecay, float Momentum, float OneMinusDampening, bool Nesterov, bool FirstStep)
{
    public bool UseMomentum => Momentum != 0f;
}

/// <summary>The scalars of one AdamW update (bias corrections computed in double, as Python floats, then rounded).</summary>
internal readonly record struct AdamWSettings(float Decay, float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float StepSize, float BiasCorrection2Sqrt, float Eps);
