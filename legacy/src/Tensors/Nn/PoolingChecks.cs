namespace MLVideo.Tensors.Nn;

/// <summary>The input check the pooling layers share.</summary>
internal static class PoolingChecks
{
    public static void CheckRank(Module layer, Tensor input, int rank, string layout)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != rank)
            throw new ShapeMismatchException($"{layer.GetType().Name}: expected a {rank}-D {layout} input, got {ShapeHelper.Format(input.Shape)}.");
    }
}
