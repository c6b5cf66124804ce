using System.Buffers;
using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// OWNER: norm/pool helper.
public static partial class Functional
{
    /// <summary>
    /// Single-layer GRU, batch first: input (N, T, I), h0 (1, N, H) or null for zeros; weights as PyTorch
    /// (<c>weight_ih_l0</c> [3H, I], <c>weight_hh_l0</c> [3H, H], gate rows ordered r, z, n). Returns output (N, T, H) and h_n (1, N, H).
    /// </summary>
    /// <remarks>
    /// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
    /// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h (PyTorch's <c>torch.nn.GRU</c>).
    /// Both outputs take part in autograd; h_n is the last step of the output, so its gradient joins the output's
    /// and the sequence is back-propagated once. Reports N·T·3H·(I + H) multiply-accumulates as "gru" to an active
    /// <see cref="MacCounter"/>.
    /// </remarks>
    /// <exception cref="ShapeMismatchException">A tensor's shape does not fit the others (the message names it and the shapes).</exception>
    public static (Tensor Output, Tensor HN) Gru(Tensor input, Tensor? h0, Tensor weightIh, Tensor weightHh, Tensor? biasIh, Tensor? biasHh) =>
        Gru(input, h0, weightIh, weightHh, biasIh, biasHh, batchFirst: true);

    /// <summary>
    /// Single-layer GRU with an explicit layout: <paramref name="batchFirst"/> true takes (N, T, I) and returns output
    /// (N, T, H); false takes PyTorch's default (T, N, I) and returns (T, N, H). h0 and h_n are (1, N, H) either way.
    /// See <see cref="Gru(Tensor, Tensor?, Tensor, Tensor, Tensor?, Tensor?)"/> for the equations.
    /// </summary>
    /// <exception cref="ShapeMismatchException">A tensor's shape does not fit the others (the message names it and the shapes).</exception>
    public static (Tensor Output, Tensor HN) Gru(Tensor input, Tensor? h0, Tensor weightIh, Tensor weightHh, Tensor? biasIh, Tensor? biasHh, bool batchFirst)
    {
        var s = CheckGru(input, h0, weightIh, weightHh, biasIh, biasHh, batchFirst);
        int h = s.HiddenSize, rows = s.Rows;
        int[] outputShape = batchFirst ? [s.Batch, s.Steps, h] : [s.Steps, s.Batch, h];
        var output = Tensor.Uninitialized(outputShape);
        bool recording = Autograd.IsRecording([input, h0, weightIh, weightHh, biasIh, biasHh]);
        float[] gates = ArrayPool<float>.Shared.Rent(rows * 3 * h);
        float[] hiddenGate = ArrayPool<float>.Shared.Rent(rows * h);
        GruKernels.Forward(s, input.RawArray, h0?.RawArray, weightIh.RawArray, weightHh.RawArray, biasIh?.RawArray, biasHh?.RawArray,
            output.RawArray, gates, hiddenGate);

        // The two matrix products per step, as the papers count a GRU (element-wise gate work is not counted).
        if (MacCounter.IsActive) MacCounter.Add("gru", (long)rows * 3 * h * (s.InputSize + h));

        var hn = Tensor.Uninitialized([1, s.Batch, h]);
        for (int n = 0; n < s.Batch; n++) output.RawArray.AsSpan(s.Row(n, s.Steps - 1) * h, h).CopyTo(hn.RawArray.AsSpan(n * h, h));

        if (recording)
        {
            float[] previous = ArrayPool<float>.Shared.Rent(rows * h);
            GruKernels.PreviousHidden(s, h0?.RawArray, output.RawArray, previous);
            output.SetGradFn(new GruNode(input, h0, weightIh, weightHh, biasIh, biasHh, s, previous, gates, hiddenGate));
            hn.SetGradFn(new GruLastHiddenNode(output, s));
        }
        else
        {
            ArrayPool<float>.Shared.Return(gates);
            ArrayPool<float>.Shared.Return(hiddenGate);
        }
        return (output, hn);
    }

    private static GruKernels.Shape CheckGru(Tensor input, Tensor? h0, Tensor weightIh, Tensor weightHh, Tensor? biasIh, Tensor? biasHh, bool batchFirst)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weightIh);
        ArgumentNullException.ThrowIfNull(weightHh);
        string layout = batchFirst ? "(N, T, inputSize)" : "(T, N, inputSize)";
        string Shapes() => $"input {ShapeHelper.Format(input.Shape)}, weightIh {ShapeHelper.Format(weightIh.Shape)}, weightHh {ShapeHelper.Format(weightHh.Shape)}";
        if (input.Rank != 3)
            throw new ShapeMismatchException($"Gru: expected a 3-D {layout} input, got {ShapeHelper.Format(input.Shape)}.");
        if (weightHh.Rank != 2 || weightHh.Size(0) != 3 * weightHh.Size(1) || weightHh.Size(1) == 0)
            throw new ShapeMismatchException($"Gru: weightHh must be [3*H, H] with H > 0 ({Shapes()}).");
        int hidden = weightHh.Size(1), inputSize = input.Size(2);
        if (weightIh.Rank != 2 || weightIh.Size(0) != 3 * hidden || weightIh.Size(1) != inputSize)
            throw new ShapeMismatchException($"Gru: weightIh must be [{3 * hidden}, {inputSize}] (3*H, inputSize) ({Shapes()}).");
        if (biasIh is not null && (biasIh.Rank != 1 || biasIh.Count != 3 * hidden))
            throw new ShapeMismatchException($"Gru: biasIh {ShapeHelper.Format(biasIh.Shape)} must be [{3 * hidden}] ({Shapes()}).");
        if (biasHh is not null && (biasHh.Rank != 1 || biasHh.Count != 3 * hidden))
            throw new ShapeMismatchException($"Gru: biasHh {ShapeHelper.Format(biasHh.Shape)} must be [{3 * hidden}] ({Shapes()}).");
        int batch = batchFirst ? input.Size(0) : input.Size(1);
        int steps = batchFirst ? input.Size(1) : input.Size(0);
        if (steps == 0 || batch == 0)
            throw new ShapeMismatchException($"Gru: input {ShapeHelper.Format(input.Shape)} {layout} has an empty batch or sequence.");
        if (h0 is not null && (h0.Rank != 3 || h0.Size(0) != 1 || h0.Size(1) != batch || h0.Size(2) != hidden))
            throw new ShapeMismatchException($"Gru: h0 {ShapeHelper.Format(h0.Shape)} must be [1, {batch}, {hidden}] (1, N, H) ({Shapes()}).");
        return new GruKernels.Shape(batch, steps, inputSize, hidden, batchFirst);
    }
}
