namespace MLVideo.Tensors;

/// <summary>Small helpers for backward rules that create gradient tensors.</summary>
internal static class GradientTensors
{
    /// <summary>
    /// A new tensor object over <paramref name="gradOutput"/>'s storage (reference counted), for a
    /// rule whose gradient is the upstream gradient unchanged. Use it for at most ONE input: two
    /// inputs sharing storage would corrupt each other when the engine accumulates in place.
    /// </summary>
    public static Tensor Share(Tensor gradOutput)
    {
        gradOutput.Storage.AddReference();
        return new Tensor(gradOutput.ShapeArray, gradOutput.Storage);
    }

    /// <summary>A copy of <paramref name="gradOutput"/> with its own storage.</summary>
    public static Tensor Copy(Tensor gradOutput)
    {
        var copy = Tensor.Uninitialized(gradOutput.ShapeArray);
        gradOutput.Data.CopyTo(copy.Data);
        return copy;
    }
}
