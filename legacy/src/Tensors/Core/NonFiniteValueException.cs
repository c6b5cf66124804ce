namespace MLVideo.Tensors;

/// <summary>
/// Thrown by <see cref="NumericChecks.ThrowIfNotFinite"/> when a tensor holds NaN or ±infinity
/// (typically a diverging loss or gradient during training). The message names the tensor, its
/// shape, the first bad element (flat index, multi-index and value) and how many are bad.
/// </summary>
public sealed class NonFiniteValueException : ArithmeticException
{
    /// <summary>Creates the exception for a tensor called <paramref name="tensorName"/>.</summary>
    public NonFiniteValueException(string tensorName, int[] shape, int firstIndex, float firstValue, int count)
        : base($"Tensor '{tensorName}' of shape {ShapeHelper.Format(shape)} has {count} non-finite value(s); the first is {FormatValue(firstValue)} at flat index {firstIndex} (index {ShapeHelper.Format(Unravel(firstIndex, shape))}).")
    {
        TensorName = tensorName;
        Shape = shape;
        FirstIndex = firstIndex;
        FirstValue = firstValue;
        Count = count;
    }

    /// <summary>The name given to the check (e.g. <c>loss</c>, <c>layer1.0.conv1.weight.grad</c>).</summary>
    public string TensorName { get; }

    /// <summary>The tensor's shape.</summary>
    public int[] Shape { get; }

    /// <summary>Row-major flat index of the first non-finite element.</summary>
    public int FirstIndex { get; }

    /// <summary>The first non-finite value (NaN, +infinity or -infinity).</summary>
    public float FirstValue { get; }

    /// <summary>How many elements are non-finite.</summary>
    public int Count { get; }

    /// <summary>The multi-index of <see cref="FirstIndex"/>.</summary>
    public int[] FirstMultiIndex => Unravel(FirstIndex, Shape);

    private static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] == 0) break;
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    private static string FormatValue(float v) => float.IsNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity";
}
