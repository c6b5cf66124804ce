namespace MLVideo.Trainers.Weights;

/// <summary>One tensor's header record in a safetensors file.</summary>
/// <param name="Name">The tensor name (a state-dict key for weights).</param>
/// <param name="DType">The element type code (<c>F32</c>, <c>I64</c>, ...).</param>
/// <param name="Shape">The shape; empty for a 0-d scalar.</param>
/// <param name="Begin">Start of its bytes, relative to the data block.</param>
/// <param name="End">End (exclusive) of its bytes, relative to the data block.</param>
public sealed record SafeTensorsEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    /// <summary>Number of elements (1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
