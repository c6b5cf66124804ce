using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

/// <summary>Backward of <see cref="Tensor.Gather"/>: scatter-add of the gradient to the gathered positions.</summary>
internal sealed class GatherNode(Tensor input, int dim, int[] index, int[] indexShape) : GradNode("GatherBackward", input)
{
    protected internal override void Backward(Tensor gradOutput, Tensor?[] gradInputs)
    {
        if (!NeedsGrad(0)) return;
        var grad = new Tensor(Inputs[0]!.ShapeArray);
        IndexKernels.GatherBackward(gradOutput.Data, ShapeHelper.Strides(grad.Shape), grad.Data, index, indexShape, dim);
        gradInputs[0] = grad;
    }
}
