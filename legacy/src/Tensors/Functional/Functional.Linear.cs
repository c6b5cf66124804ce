using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

public static partial class Functional
{
    /// <summary>
    /// y = x W^T + b over the last dimension of <paramref name="input"/> (<c>torch.nn.functional.linear</c>):
    /// input [..., in] (or [in]), weight [out, in], optional bias [out]; result [..., out].
    /// </summary>
    /// <param name="input">Features in the last dimension.</param>
    /// <param name="weight">[out_features, in_features], PyTorch's layout.</param>
    /// <param name="bias">[out_features], or null for none.</param>
    /// <exception cref="ShapeMismatchException">The weight is not 2-d, the feature counts differ or the bias has the wrong shape.</exception>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        if (weight.Rank != 2)
            throw new ShapeMismatchException($"Linear: weight must be 2-d [out, in], got {ShapeHelper.Format(weight.Shape)}.");
        int outFeatures = weight.Shape[0], inFeatures = weight.Shape[1];
        if (input.Rank == 0 || input.Shape[^1] != inFeatures)
            throw new ShapeMismatchException($"Linear: input {ShapeHelper.Format(input.Shape)} has {(input.Rank == 0 ? 0 : input.Shape[^1])} features in its last dimension but weight {ShapeHelper.Format(weight.Shape)} expects {inFeatures}.");
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != outFeatures))
            throw new ShapeMismatchException($"Linear: bias {ShapeHelper.Format(bias.Shape)} does not match weight {ShapeHelper.Format(weight.Shape)} (expected [{outFeatures}]).");

        int rows = inFeatures == 0 ? ShapeHelper.Count(input.Shape[..^1]) : input.Count / inFeatures;
        int[] outShape = input.ShapeArray;
        outShape[^1] = outFeatures;
        var result = Tensor.Uninitialized(outShape);
        LinearKernels.Forward(input.Data, weight.Data, bias is null ? default : bias.Data, result.Data, rows, inFeatures, outFeatures, bias is not null);
        if (MacCounter.IsActive) MacCounter.Add("linear", (long)rows * inFeatures * outFeatures);
        if (Autograd.IsRecording(input, weight, bias)) result.SetGradFn(new LinearNode(input, weight, bias, rows));
        return result;
    }
}
