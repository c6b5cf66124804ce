using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

// Arithmetic operator structs for the binary drivers (forward ops and the simple backward rules).

/// <summary>x + y.</summary>
internal readonly struct AddOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => x + y;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x + y;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x + y;
}

/// <summary>x - y.</summary>
internal readonly struct SubtractOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => x - y;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x - y;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x - y;
}

/// <summary>x * y.</summary>
internal readonly struct MultiplyOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => x * y;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x * y;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x * y;
}

/// <summary>x / y.</summary>
internal readonly struct DivideOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => x / y;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x / y;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x / y;
}

/// <summary>max(x, y), NaN if either is NaN (as <c>torch.maximum</c>).</summary>
internal readonly struct MaximumOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => MathF.Max(x, y);
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Max(x, y);
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Max(x, y);
}

/// <summary>min(x, y), NaN if either is NaN (as <c>torch.minimum</c>).</summary>
internal readonly struct MinimumOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => MathF.Min(x, y);
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Min(x, y);
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Min(x, y);
}

/// <summary>y (the second operand): with a scalar first operand, the broadcast driver becomes an expand-copy.</summary>
internal readonly struct SecondOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => y;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => y;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => y;
}

/// <summary>-(x * y): the divisor's gradient -g*a/b^2 written as -(g/b)*(a/b).</summary>
internal readonly struct NegatedMultiplyOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => -(x * y);
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => -(x * y);
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => -(x * y);
}

/// <summary>y / x: the backward of ln over (x, g) is g / x.</summary>
internal readonly struct ReversedDivideOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => y / x;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => y / x;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => y / x;
}

/// <summary>e^(x - y): softmax's numerator with the line maximum y subtracted first.</summary>
internal readonly struct ExpOfDifferenceOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => MathF.Exp(x - y);
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Exp(x - y);
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Exp(x - y);
}

/// <summary>alpha * x + y.</summary>
internal readonly struct AxpyOperator(float alpha) : IBinaryOperator
{
    public float Invoke(float x, float y) => alpha * x + y;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Create(alpha) * x + y;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Create(alpha) * x + y;
}

/// <summary>alpha * x + beta * y.</summary>
internal readonly struct AxpByOperator(float alpha, float beta) : IBinaryOperator
{
    public float Invoke(float x, float y) => alpha * x + beta * y;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Create(alpha) * x + Vector256.Create(beta) * y;
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Create(alpha) * x + Vector512.Create(beta) * y;
}
