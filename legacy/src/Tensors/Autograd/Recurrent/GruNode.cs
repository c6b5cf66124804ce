using System.Buffers;
using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>
/// Backward through time of <see cref="Functional.Gru(Tensor, Tensor?, Tensor, Tensor, Tensor?, Tensor?, bool)"/>'s output
/// sequence, from the gate values, W_hn h + b_hn and the previous hidden states saved by the forward pass.
/// </summary>
internal sealed class GruNode(Tensor input, Tensor? h0, Tensor weightIh, Tensor weightHh, Tensor? biasIh, Tensor? biasHh,
    GruKernels.Shape shape, float[] previous, float[] gates, float[] hiddenGate)
    : GradNode("GruBackward", input, h0, weightIh, weightHh, biasIh, biasHh)
{
    private float[]? _previous = previous, _gates = gates, _hiddenGate = hiddenGate;

    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (_previous is null || _gates is null || _hiddenGate is null)
            throw new InvalidOperationException("GruBackward: the saved gate values were already released.");
        Tensor? New(int index) => NeedsGrad(index) ? Tensor.Uninitialized(Inputs[index]!.ShapeArray) : null;
        Tensor? dx = New(0), dh0 = New(1), dWih = New(2), dWhh = New(3), dbih = New(4), dbhh = New(5);
        GruKernels.Backward(shape, Inputs[0]!.RawArray, Inputs[2]!.RawArray, Inputs[3]!.RawArray, _previous, _gates, _hiddenGate,
            gradOutput.RawArray, dx?.RawArray, dh0?.RawArray, dWih?.RawArray, dWhh?.RawArray, dbih?.RawArray, dbhh?.RawArray);
        gradInputs[0] = dx;
        gradInputs[1] = dh0;
        gradInputs[2] = dWih;
        gradInputs[3] = dWhh;
        gradInputs[4] = dbih;
        gradInputs[5] = dbhh;
    }

    protected internal override void ReleaseSaved()
    {
        if (_previous is not null) ArrayPool<float>.Shared.Return(_previous);
        if (_gates is not null) ArrayPool<float>.Shared.Return(_gates);
        if (_hiddenGate is not null) ArrayPool<float>.Shared.Return(_hiddenGate);
        _previous = _gates = _hiddenGate = null;
    }
}
