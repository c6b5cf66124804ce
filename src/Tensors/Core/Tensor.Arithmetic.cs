namespace MLVideo.Tensors;

// OWNER: elementwise helper. Broadcasting binary arithmetic, scalar arithmetic, unary math.
public sealed partial class Tensor
{
    /// <summary>Elementwise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => throw new NotImplementedException();
    /// <summary>Elementwise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => throw new NotImplementedException();
    /// <summary>Elementwise product with broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => throw new NotImplementedException();
    /// <summary>Elementwise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => throw new NotImplementedException();
    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(Tensor a, float b) => throw new NotImplementedException();
    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(float a, Tensor b) => throw new NotImplementedException();
    /// <summary>Subtracts a scalar.</summary>
    public static Tensor operator -(Tensor a, float b) => throw new NotImplementedException();
    /// <summary>Scalar minus tensor.</summary>
    public static Tensor operator -(float a, Tensor b) => throw new NotImplementedException();
    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(Tensor a, float b) => throw new NotImplementedException();
    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(float a, Tensor b) => throw new NotImplementedException();
    /// <summary>Divides by a scalar.</summary>
    public static Tensor operator /(Tensor a, float b) => throw new NotImplementedException();
    /// <summary>Scalar divided by tensor.</summary>
    public static Tensor operator /(float a, Tensor b) => throw new NotImplementedException();
    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => throw new NotImplementedException();

    /// <summary>Elementwise power with a scalar exponent.</summary>
    public Tensor Pow(float exponent) => throw new NotImplementedException();
    /// <summary>Elementwise square root.</summary>
    public Tensor Sqrt() => throw new NotImplementedException();
    /// <summary>Elementwise e^x.</summary>
    public Tensor Exp() => throw new NotImplementedException();
    /// <summary>Elementwise natural logarithm.</summary>
    public Tensor Log() => throw new NotImplementedException();
    /// <summary>Elementwise absolute value.</summary>
    public Tensor Abs() => throw new NotImplementedException();
    /// <summary>Clamps to [min, max] (gradient 0 outside).</summary>
    public Tensor Clamp(float min, float max) => throw new NotImplementedException();
    /// <summary>Elementwise maximum of two tensors with broadcasting (gradient to the larger; ties to the first).</summary>
    public Tensor Maximum(Tensor other) => throw new NotImplementedException();
    /// <summary>Elementwise minimum of two tensors with broadcasting.</summary>
    public Tensor Minimum(Tensor other) => throw new NotImplementedException();
}
