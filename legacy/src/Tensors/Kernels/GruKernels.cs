using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// One GRU layer over a sequence, forward and backward through time, with PyTorch's gate order (r, z, n):
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
/// </summary>
/// <remarks>
/// Rows of x, of the output and of the saved gates are (n, t) pairs at row <c>n·StrideN + t·StrideT</c>, which covers
/// both batch-first (N, T, ·) and time-major (T, N, ·) layouts. The input projection of every step is one GEMM
/// before the recurrence; each step is then one (N × H)·(H × 3H) GEMM plus a fused element-wise gate kernel.
/// Backward runs the recurrence in reverse, one GEMM per step for the hidden-state gradient, and leaves the
/// weight gradients to three large GEMMs after the loop.
/// </remarks>
internal static class GruKernels
{
    /// <summary>Sizes and layout of one GRU call.</summary>
    internal readonly record struct Shape(int Batch, int Steps, int InputSize, int HiddenSize, bool BatchFirst)
    {
        public int Rows => Batch * Steps;
        public int StrideN => BatchFirst ? Steps : 1;
        public int StrideT => BatchFirst ? 1 : Batch;
        public int Row(int n, int t) => n * StrideN + t * StrideT;
    }

    private const int ParallelGrain = 1 << 14;

    /// <summary>
    /// Runs the sequence. <paramref name="gates"/> (rows × 3H) receives r, z, n and <paramref name="hiddenGate"/>
    /// (rows × H) receives W_hn h + b_hn, both needed by <see cref="Backward"/>. <paramref name="output"/> (rows × H)
    /// receives every step's hidden state. <paramref name="h0"/> null means zeros.
    /// </summary>
    public static void Forward(Shape s, float[] x, float[]? h0, float[] weightIh, float[] weightHh, float[]? biasIh, float[]? biasHh,
        float[] output, float[] gates, float[] hiddenGate)
    {
        int h = s.HiddenSize, g3 = 3 * h, batch = s.Batch;
        // Input projections of all steps at once: gates = x W_ih^T + b_ih (activated in place step by step).
        Gemm.Sgemm(false, true, s.Rows, g3, s.InputSize, 1f, x, s.InputSize, weightIh, s.InputSize, 0f, gates, g3);
        if (biasIh is not null)
            for (int row = 0; row < s.Rows; row++) SpanVectorOps.AddTo(biasIh.AsSpan(0, g3), gates.AsSpan(row * g3, g3));

        float[] zeros = h0 is null ? ArrayPool<float>.Shared.Rent(batch * h) : [];
        float[] recurrent = ArrayPool<float>.Shared.Rent(batch * g3);
        try
        {
            if (h0 is null) zeros.AsSpan(0, batch * h).Clear();
            for (int t = 0; t < s.Steps; t++)
            {
                // h_{t-1} rows: h0 (contiguous) or the previous step's output rows (stride StrideN rows).
                float[] prev = t == 0 ? (h0 ?? zeros) : output;
                int prevOffset = t == 0 ? 0 : s.Row(0, t - 1) * h;
                int prevLd = t == 0 ? h : s.StrideN * h;
                Gemm.Sgemm(false, true, batch, g3, h, 1f, prev.AsSpan(prevOffset), prevLd, weightHh, h, 0f, recurrent, g3);
                if (biasHh is not null)
                    for (int n = 0; n < batch; n++) SpanVectorOps.AddTo(biasHh.AsSpan(0, g3), recurrent.AsSpan(n * g3, g3));
                var work = new StepForward
                {
                    S = s, T = t, Gates = gates, Recurrent = recurrent, HiddenGate = hiddenGate, Output = output,
                    Prev = prev, PrevOffset = prevOffset, PrevLd = prevLd,
                };
                CpuParallel.For(batch, work, Math.Max(1, ParallelGrain / h));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(recurrent);
            if (h0 is null) ArrayPool<float>.Shared.Return(zeros);
        }
    }

    /// <summary>
    /// Back-propagates <paramref name="gradOutput"/> (rows × H, the gradient of every step's hidden state) through
    /// time. Null outputs are skipped. Weight and bias gradients are overwritten, not accumulated.
    /// </summary>
    /// <param name="s">Sizes and layout.</param>
    /// <param name="x">The input (rows × I).</param>
    /// <param name="weightIh">W_ih (3H × I).</param>
    /// <param name="weightHh">W_hh (3H × H).</param>
    /// <param name="previous">h_{t−1} per row, from <see cref="PreviousHidden"/>.</param>
    /// <param name="gates">r, z, n per row, from <see cref="Forward"/>.</param>
    /// <param name="hiddenGate">W_hn h + b_hn per row, from <see cref="Forward"/>.</param>
    /// <param name="gradOutput">Gradient of every step's hidden state (rows × H).</param>
    /// <param name="dx">Receives the input gradient, or null.</param>
    /// <param name="dh0">Receives the initial-state gradient (N × H), or null.</param>
    /// <param name="dWeightIh">Receives the W_ih gradient, or null.</param>
    /// <param name="dWeightHh">Receives the W_hh gradient, or null.</param>
    /// <param name="dBiasIh">Receives the b_ih gradient, or null.</param>
    /// <param name="dBiasHh">Receives the b_hh gradient, or null.</param>
    public static void Backward(Shape s, float[] x, float[] weightIh, float[] weightHh, float[] previous, float[] gates, float[] hiddenGate,
        float[] gradOutput, float[]? dx, float[]? dh0, float[]? dWeightIh, float[]? dWeightHh, float[]? dBiasIh, float[]? dBiasHh)
    {
        int h = s.HiddenSize, g3 = 3 * h, batch = s.Batch, rows = s.Rows;
        float[] dGi = ArrayPool<float>.Shared.Rent(rows * g3);
        float[] dGh = ArrayPool<float>.Shared.Rent(rows * g3);
        float[] carry = ArrayPool<float>.Shared.Rent(batch * h);
        try
        {
            carry.AsSpan(0, batch * h).Clear();
            for (int t = s.Steps - 1; t >= 0; t--)
            {
                var work = new StepBackward
                {
                    S = s, T = t, Gates = gates, HiddenGate = hiddenGate, Previous = previous, GradOutput = gradOutput,
                    Carry = carry, DGi = dGi, DGh = dGh,
                };
                CpuParallel.For(batch, work, Math.Max(1, ParallelGrain / h));
                // carry = dh·z (written by the step) + dGh_t W_hh: the gradient reaching h_{t-1}.
                Gemm.Sgemm(false, false, batch, h, g3, 1f, dGh.AsSpan(s.Row(0, t) * g3), s.StrideN * g3, weightHh, h, 1f, carry, h);
            }
            if (dh0 is not null) carry.AsSpan(0, batch * h).CopyTo(dh0);

            if (dx is not null) Gemm.Sgemm(false, false, rows, s.InputSize, g3, 1f, dGi, g3, weightIh, s.InputSize, 0f, dx, s.InputSize);
            if (dWeightIh is not null) Gemm.Sgemm(true, false, g3, s.InputSize, rows, 1f, dGi, g3, x, s.InputSize, 0f, dWeightIh, s.InputSize);
            if (dWeightHh is not null) Gemm.Sgemm(true, false, g3, h, rows, 1f, dGh, g3, previous, h, 0f, dWeightHh, h);
            if (dBiasIh is not null) ColumnSums(dGi, rows, g3, dBiasIh);
            if (dBiasHh is not null) ColumnSums(dGh, rows, g3, dBiasHh);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(dGi);
            ArrayPool<float>.Shared.Return(dGh);
            ArrayPool<float>.Shared.Return(carry);
        }
    }

    /// <summary>
    /// Fills <paramref name="previous"/> (rows × H): row (n, t) = h_{t−1} of sample n (h0, or zeros, at t = 0), aligned
    /// with the gate rows so the W_hh gradient is one GEMM.
    /// </summary>
    public static void PreviousHidden(Shape s, float[]? h0, float[] output, float[] previous)
    {
        int h = s.HiddenSize;
        for (int n = 0; n < s.Batch; n++)
        {
            var first = previous.AsSpan(s.Row(n, 0) * h, h);
            if (h0 is null) first.Clear();
            else h0.AsSpan(n * h, h).CopyTo(first);
            for (int t = 1; t < s.Steps; t++) output.AsSpan(s.Row(n, t - 1) * h, h).CopyTo(previous.AsSpan(s.Row(n, t) * h, h));
        }
    }

    private static void ColumnSums(float[] m, int rows, int columns, float[] destination)
    {
        var sums = destination.AsSpan(0, columns);
        sums.Clear();
        for (int r = 0; r < rows; r++) SpanVectorOps.AddTo(m.AsSpan(r * columns, columns), sums);
    }

    /// <summary>The gate non-linearities of one step for batch rows [start, end).</summary>
    private struct StepForward : IParallelWork
    {
        public Shape S;
        public int T, PrevOffset, PrevLd;
        public float[] Gates, Recurrent, HiddenGate, Output, Prev;

        public readonly void Execute(int start, int end)
        {
            int h = S.HiddenSize, g3 = 3 * h;
            for (int n = start; n < end; n++)
            {
                int row = S.Row(n, T);
                GateForward(Gates.AsSpan(row * g3, g3), Recurrent.AsSpan(n * g3, g3), Prev.AsSpan(PrevOffset + n * PrevLd, h),
                    HiddenGate.AsSpan(row * h, h), Output.AsSpan(row * h, h));
            }
        }
    }

    /// <summary>The local gate gradients of one step for batch rows [start, end).</summary>
    private struct StepBackward : IParallelWork
    {
        public Shape S;
        public int T;
        public float[] Gates, HiddenGate, Previous, GradOutput, Carry, DGi, DGh;

        public readonly void Execute(int start, int end)
        {
            int h = S.HiddenSize, g3 = 3 * h;
            for (int n = start; n < end; n++)
            {
                int row = S.Row(n, T);
                GateBackward(Gates.AsSpan(row * g3, g3), HiddenGate.AsSpan(row * h, h), Previous.AsSpan(row * h, h),
                    GradOutput.AsSpan(row * h, h), Carry.AsSpan(n * h, h), DGi.AsSpan(row * g3, g3), DGh.AsSpan(row * g3, g3));
            }
        }
    }

    /// <summary>
    /// One row: <paramref name="gates"/> holds the input projections [r | z | n] on entry and σ/σ/tanh values on exit;
    /// <paramref name="recurrent"/> the hidden projections (with b_hh).
    /// </summary>
    internal static void GateForward(Span<float> gates, ReadOnlySpan<float> recurrent, ReadOnlySpan<float> prev, Span<float> hiddenGate, Span<float> hidden)
    {
        int h = hidden.Length, j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j <= h - 16; j += 16)
            {
                var r = Sigmoid(Vector512.Create(gates.Slice(j, 16)) + Vector512.Create(recurrent.Slice(j, 16)));
                var z = Sigmoid(Vector512.Create(gates.Slice(h + j, 16)) + Vector512.Create(recurrent.Slice(h + j, 16)));
                var hn = Vector512.Create(recurrent.Slice(2 * h + j, 16));
                var nn = Tanh(Vector512.FusedMultiplyAdd(r, hn, Vector512.Create(gates.Slice(2 * h + j, 16))));
                var hp = Vector512.Create(prev.Slice(j, 16));
                r.CopyTo(gates.Slice(j, 16));
                z.CopyTo(gates.Slice(h + j, 16));
                nn.CopyTo(gates.Slice(2 * h + j, 16));
                hn.CopyTo(hiddenGate.Slice(j, 16));
                Vector512.FusedMultiplyAdd(z, hp - nn, nn).CopyTo(hidden.Slice(j, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= h - 8; j += 8)
            {
                var r = Sigmoid(Vector256.Create(gates.Slice(j, 8)) + Vector256.Create(recurrent.Slice(j, 8)));
                var z = Sigmoid(Vector256.Create(gates.Slice(h + j, 8)) + Vector256.Create(recurrent.Slice(h + j, 8)));
                var hn = Vector256.Create(recurrent.Slice(2 * h + j, 8));
                var nn = Tanh(Vector256.FusedMultiplyAdd(r, hn, Vector256.Create(gates.Slice(2 * h + j, 8))));
                var hp = Vector256.Create(prev.Slice(j, 8));
                r.CopyTo(gates.Slice(j, 8));
                z.CopyTo(gates.Slice(h + j, 8));
                nn.CopyTo(gates.Slice(2 * h + j, 8));
                hn.CopyTo(hiddenGate.Slice(j, 8));
                Vector256.FusedMultiplyAdd(z, hp - nn, nn).CopyTo(hidden.Slice(j, 8));
            }
        }
        for (; j < h; j++)
        {
            float r = Sigmoid(gates[j] + recurrent[j]);
            float z = Sigmoid(gates[h + j] + recurrent[h + j]);
            float hn = recurrent[2 * h + j];
            float nn = Tanh(MathF.FusedMultiplyAdd(r, hn, gates[2 * h + j]));
            gates[j] = r;
            gates[h + j] = z;
            gates[2 * h + j] = nn;
            hiddenGate[j] = hn;
            hidden[j] = MathF.FusedMultiplyAdd(z, prev[j] - nn, nn);
        }
    }

    /// <summary>
    /// One row of the step's backward. dh = gradOutput + carry (the gradient from step t+1); then
    /// dn̂ = dh(1−z)(1−n²), dẑ = dh(h−n)z(1−z), dr̂ = dn̂·ghn·r(1−r); dGi = [dr̂ | dẑ | dn̂], dGh = [dr̂ | dẑ | dn̂·r];
    /// carry is overwritten with dh·z (the direct path to h_{t-1}; the caller adds dGh·W_hh).
    /// </summary>
    internal static void GateBackward(ReadOnlySpan<float> gates, ReadOnlySpan<float> hiddenGate, ReadOnlySpan<float> prev, ReadOnlySpan<float> gradOutput,
        Span<float> carry, Span<float> dGi, Span<float> dGh)
    {
        int h = prev.Length, j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512<float>.One;
            for (; j <= h - 16; j += 16)
            {
                var r = Vector512.Create(gates.Slice(j, 16));
                var z = Vector512.Create(gates.Slice(h + j, 16));
                var nn = Vector512.Create(gates.Slice(2 * h + j, 16));
                var dh = Vector512.Create(gradOutput.Slice(j, 16)) + Vector512.Create(carry.Slice(j, 16));
                var dn = dh * (one - z) * (one - nn * nn);
                var dz = dh * (Vector512.Create(prev.Slice(j, 16)) - nn) * z * (one - z);
                var dr = dn * Vector512.Create(hiddenGate.Slice(j, 16)) * r * (one - r);
                dr.CopyTo(dGi.Slice(j, 16));
                dz.CopyTo(dGi.Slice(h + j, 16));
                dn.CopyTo(dGi.Slice(2 * h + j, 16));
                dr.CopyTo(dGh.Slice(j, 16));
                dz.CopyTo(dGh.Slice(h + j, 16));
                (dn * r).CopyTo(dGh.Slice(2 * h + j, 16));
                (dh * z).CopyTo(carry.Slice(j, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256<float>.One;
            for (; j <= h - 8; j += 8)
            {
                var r = Vector256.Create(gates.Slice(j, 8));
                var z = Vector256.Create(gates.Slice(h + j, 8));
                var nn = Vector256.Create(gates.Slice(2 * h + j, 8));
                var dh = Vector256.Create(gradOutput.Slice(j, 8)) + Vector256.Create(carry.Slice(j, 8));
                var dn = dh * (one - z) * (one - nn * nn);
                var dz = dh * (Vector256.Create(prev.Slice(j, 8)) - nn) * z * (one - z);
                var dr = dn * Vector256.Create(hiddenGate.Slice(j, 8)) * r * (one - r);
                dr.CopyTo(dGi.Slice(j, 8));
                dz.CopyTo(dGi.Slice(h + j, 8));
                dn.CopyTo(dGi.Slice(2 * h + j, 8));
                dr.CopyTo(dGh.Slice(j, 8));
                dz.CopyTo(dGh.Slice(h + j, 8));
                (dn * r).CopyTo(dGh.Slice(2 * h + j, 8));
                (dh * z).CopyTo(carry.Slice(j, 8));
            }
        }
        for (; j < h; j++)
        {
            float r = gates[j], z = gates[h + j], nn = gates[2 * h + j];
            float dh = gradOutput[j] + carry[j];
            float dn = dh * (1f - z) * (1f - nn * nn);
            float dz = dh * (prev[j] - nn) * z * (1f - z);
            float dr = dn * hiddenGate[j] * r * (1f - r);
            dGi[j] = dr;
            dGi[h + j] = dz;
            dGi[2 * h + j] = dn;
            dGh[j] = dr;
            dGh[h + j] = dz;
            dGh[2 * h + j] = dn * r;
            carry[j] = dh * z;
        }
    }

    // ---------------------------------------------------------------- activations (kept local: the GRU must not depend on the tensor-level ops)

    /// <summary>σ(x) = 1 / (1 + e^−x); saturates cleanly to 0 and 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-x));

    /// <summary>tanh(x) = sign(x)·(1 − e^−2|x|) / (1 + e^−2|x|) (saturates without overflow), with a Taylor series near 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Tanh(Vector512<float> x)
    {
        var abs = Vector512.Abs(x);
        var e = Vector512.Exp(Vector512.Create(-2f) * abs);
        var magnitude = (Vector512<float>.One - e) / (Vector512<float>.One + e);
        var signed = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), -magnitude, magnitude);
        // Below 0.3, 1 − e cancels; the odd Taylor series to x⁹ is exact to float there (next term < 1e-7 relative).
        var x2 = x * x;
        var series = x * Vector512.FusedMultiplyAdd(x2, Vector512.FusedMultiplyAdd(x2, Vector512.FusedMultiplyAdd(x2,
            Vector512.FusedMultiplyAdd(x2, Vector512.Create(62f / 2835f), Vector512.Create(-17f / 315f)), Vector512.Create(2f / 15f)), Vector512.Create(-1f / 3f)), Vector512<float>.One);
        return Vector512.ConditionalSelect(Vector512.LessThan(abs, Vector512.Create(0.3f)), series, signed);
    }

    /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-x));

    /// <inheritdoc cref="Tanh(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Tanh(Vector256<float> x)
    {
        var abs = Vector256.Abs(x);
        var e = Vector256.Exp(Vector256.Create(-2f) * abs);
        var magnitude = (Vector256<float>.One - e) / (Vector256<float>.One + e);
        var signed = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -magnitude, magnitude);
        // Below 0.3, 1 − e cancels; the odd Taylor series to x⁹ is exact to float there (next term < 1e-7 relative).
        var x2 = x * x;
        var series = x * Vector256.FusedMultiplyAdd(x2, Vector256.FusedMultiplyAdd(x2, Vector256.FusedMultiplyAdd(x2,
            Vector256.FusedMultiplyAdd(x2, Vector256.Create(62f / 2835f), Vector256.Create(-17f / 315f)), Vector256.Create(2f / 15f)), Vector256.Create(-1f / 3f)), Vector256<float>.One);
        return Vector256.ConditionalSelect(Vector256.LessThan(abs, Vector256.Create(0.3f)), series, signed);
    }

    /// <inheritdoc cref="Sigmoid(Vector512{float})"/>
    internal static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    /// <inheritdoc cref="Tanh(Vector512{float})"/>
    internal static float Tanh(float x) => MathF.Tanh(x);
}
