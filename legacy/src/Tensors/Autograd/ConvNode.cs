using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>
/// Backward of <see cref="Functional.Conv2d(Tensor, Tensor, Tensor?, Size2, Size2, Size2, int)"/> and
/// <see cref="Functional.Conv3d(Tensor, Tensor, Tensor?, Size3, Size3, Size3, int)"/>: gradients of the
/// input, the weight and the bias, each only when needed. Inputs are (input, weight, bias).
/// </summary>
internal sealed class ConvNode(string name, ConvGeometry geometry, Tensor input, Tensor weight, Tensor? bias)
    : GradNode(name, input, weight, bias)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        var x = Inputs[0]!;
        var w = Inputs[1]!;
        bool needInput = NeedsGrad(0), needWeight = NeedsGrad(1);
        Tensor? gradInput = needInput ? new Tensor(x.ShapeArray) : null;
        Tensor? gradWeight = needWeight ? new Tensor(w.ShapeArray) : null;
        if (gradOutput.Count > 0)
        {
            if (geometry.IsDepthwise)
            {
                if (gradInput is not null) DepthwiseConvKernels.BackwardInput(geometry, w.RawArray, gradOutput.RawArray, gradInput.RawArray);
                if (gradWeight is not null) DepthwiseConvKernels.BackwardWeight(geometry, x.RawArray, gradOutput.RawArray, gradWeight.RawArray);
            }
            else
            {
                ConvKernels.Backward(geometry, x.RawArray, w.RawArray, gradOutput.RawArray, gradInput?.RawArray, gradWeight?.RawArray);
            }
        }
        gradInputs[0] = gradInput;
        gradInputs[1] = gradWeight;
        if (Inputs[2] is not null && NeedsGrad(2))
        {
            var gradBias = new Tensor(geometry.OutChannels);
            ConvKernels.BiasBackward(gradOutput.RawArray, gradBias.RawArray, geometry.Batch, geometry.OutChannels, geometry.OutSpatial);
            gradInputs[2] = gradBias;
        }
    }
}
