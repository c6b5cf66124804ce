using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

// Unary math operator structs for UnaryKernels (forward ops of Tensor.Arithmetic.cs).

/// <summary>-x.</summary>
internal readonly struct NegateOperator : IUnaryOperator
{
    public float Invoke(float x) => -x;
    public Vector256<float> Invoke(Vector256<float> x) => -x;
    public Vector512<float> Invoke(Vector512<float> x) => -x;
}

/// <summary>x + c.</summary>
internal readonly struct AddScalarOperator(float c) : IUnaryOperator
{
    public float Invoke(float x) => x + c;
    public Vector256<float> Invoke(Vector256<float> x) => x + Vector256.Create(c);
    public Vector512<float> Invoke(Vector512<float> x) => x + Vector512.Create(c);
}

/// <summary>c - x.</summary>
internal readonly struct ScalarSubtractOperator(float c) : IUnaryOperator
{
    public float Invoke(float x) => c - x;
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Create(c) - x;
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Create(c) - x;
}

/// <summary>x * c.</summary>
internal readonly struct ScaleOperator(float c) : IUnaryOperator
{
    public float Invoke(float x) => x * c;
    public Vector256<float> Invoke(Vector256<float> x) => x * Vector256.Create(c);
    public Vector512<float> Invoke(Vector512<float> x) => x * Vector512.Create(c);
}

/// <summary>x / c (a true division, not a multiply by 1/c, so results match PyTorch's bit for bit).</summary>
internal readonly struct DivideByScalarOperator(float c) : IUnaryOperator
{
    public float Invoke(float x) => x / c;
    public Vector256<float> Invoke(Vector256<float> x) => x / Vector256.Create(c);
    public Vector512<float> Invoke(Vector512<float> x) => x / Vector512.Create(c);
}

/// <summary>c / x.</summary>
internal readonly struct ScalarDivideOperator(float c) : IUnaryOperator
{
    public float Invoke(float x) => c / x;
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Create(c) / x;
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Create(c) / x;
}

/// <summary>x * x (Pow(2), the common case, exact).</summary>
internal readonly struct SquareOperator : IUnaryOperator
{
    public float Invoke(float x) => x * x;
    public Vector256<float> Invoke(Vector256<float> x) => x * x;
    public Vector512<float> Invoke(Vector512<float> x) => x * x;
}

/// <summary>e^x.</summary>
internal readonly struct ExpOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Exp(x);
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Exp(x);
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Exp(x);
}

/// <summary>ln x.</summary>
internal readonly struct LogOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Log(x);
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Log(x);
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Log(x);
}

/// <summary>sqrt x.</summary>
internal readonly struct SqrtOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Sqrt(x);
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Sqrt(x);
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Sqrt(x);
}

/// <summary>|x|.</summary>
internal readonly struct AbsOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Abs(x);
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Abs(x);
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Abs(x);
}

/// <summary>min(max(x, lo), hi); NaN stays NaN (as <c>torch.clamp</c>).</summary>
internal readonly struct ClampOperator(float lo, float hi) : IUnaryOperator
{
    public float Invoke(float x) => MathF.Min(MathF.Max(x, lo), hi);
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Min(Vector256.Max(x, Vector256.Create(lo)), Vector256.Create(hi));
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Min(Vector512.Max(x, Vector512.Create(lo)), Vector512.Create(hi));
}
