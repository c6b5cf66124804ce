using System.Runtime.Intrinsics;

namespace MLVideo.Tensors.Kernels;

// Activation operator structs (forward: unary; backward: binary over (saved, gradOutput)).

/// <summary>max(x, 0); NaN stays NaN (as <c>torch.relu</c>).</summary>
internal readonly struct ReluOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Max(x, 0f);
    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero);
    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Max(x, Vector512<float>.Zero);
}

/// <summary>1 / (1 + e^-x): saturates cleanly to 0 and 1 (e^-x overflowing to infinity gives 0).</summary>
internal readonly struct SigmoidOperator : IUnaryOperator
{
    public float Invoke(float x) => 1f / (1f + MathF.Exp(-x));
    public Vector256<float> Invoke(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-x));
    public Vector512<float> Invoke(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-x));
}

/// <summary>
/// tanh x. Vector form: an odd Taylor polynomial for |x| &lt; 0.55 (where 1 - 2/(e^2x + 1) would lose
/// relative precision to cancellation), and 1 - 2/(e^2|x| + 1) with the sign restored elsewhere;
/// e^2|x| overflowing to infinity gives exactly 1.
/// </summary>
internal readonly struct TanhOperator : IUnaryOperator
{
    // Taylor coefficients of tanh: x - x^3/3 + 2x^5/15 - 17x^7/315 + ...; at |x| = 0.55 the first
    // omitted term (x^19) is below 1e-8 relative.
    private const float C3 = -1f / 3f, C5 = 2f / 15f, C7 = -17f / 315f, C9 = 62f / 2835f, C11 = -1382f / 155925f,
        C13 = 21844f / 6081075f, C15 = -929569f / 638512875f, C17 = 6404582f / 10854718875f;
    private const float Threshold = 0.55f;

    public float Invoke(float x) => MathF.Tanh(x);

    public Vector256<float> Invoke(Vector256<float> x)
    {
        Vector256<float> ax = Vector256.Abs(x);
        Vector256<float> x2 = x * x;
        Vector256<float> p = Vector256.Create(C17);
        p = p * x2 + Vector256.Create(C15);
        p = p * x2 + Vector256.Create(C13);
        p = p * x2 + Vector256.Create(C11);
        p = p * x2 + Vector256.Create(C9);
        p = p * x2 + Vector256.Create(C7);
        p = p * x2 + Vector256.Create(C5);
        p = p * x2 + Vector256.Create(C3);
        Vector256<float> small = x + x * x2 * p;
        Vector256<float> e = Vector256.Exp(ax + ax);
        Vector256<float> large = Vector256<float>.One - Vector256.Create(2f) / (e + Vector256<float>.One);
        large = Vector256.ConditionalSelect(Vector256.Create(-0f), x, large);
        return Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(Threshold)), small, large);
    }

    public Vector512<float> Invoke(Vector512<float> x)
    {
        Vector512<float> ax = Vector512.Abs(x);
        Vector512<float> x2 = x * x;
        Vector512<float> p = Vector512.Create(C17);
        p = p * x2 + Vector512.Create(C15);
        p = p * x2 + Vector512.Create(C13);
        p = p * x2 + Vector512.Create(C11);
        p = p * x2 + Vector512.Create(C9);
        p = p * x2 + Vector512.Create(C7);
        p = p * x2 + Vector512.Create(C5);
        p = p * x2 + Vector512.Create(C3);
        Vector512<float> small = x + x * x2 * p;
        Vector512<float> e = Vector512.Exp(ax + ax);
        Vector512<float> large = Vector512<float>.One - Vector512.Create(2f) / (e + Vector512<float>.One);
        // Sign of x onto |large| by bit selection (Vector512.CopySign is not accelerated on this runtime).
        large = Vector512.ConditionalSelect(Vector512.Create(-0f), x, large);
        return Vector512.ConditionalSelect(Vector512.LessThan(ax, Vector512.Create(Threshold)), small, large);
    }
}

/// <summary>Backward of ReLU over (x, g): g where x &gt; 0, else 0 (PyTorch's threshold_backward).</summary>
internal readonly struct ReluBackwardOperator : IBinaryOperator
{
    public float Invoke(float x, float g) => x > 0f ? g : 0f;
    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> g) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), g, Vector256<float>.Zero);
    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> g) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), g, Vector512<float>.Zero);
}

/// <summary>
/// Backward of a clamp over (x, g): g where the input was inside the range, else 0. Clamp passes
/// the bounds themselves (inclusive, PyTorch's clamp_backward); ReLU6 is PyTorch's hardtanh(0, 6),
/// whose backward excludes them, so it is built with <c>inclusive: false</c>.
/// </summary>
internal readonly struct ClampBackwardOperator(float lo, float hi, bool inclusive) : IBinaryOperator
{
    public float Invoke(float x, float g) => (inclusive ? x >= lo && x <= hi : x > lo && x < hi) ? g : 0f;

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> g)
    {
        Vector256<float> l = Vector256.Create(lo), h = Vector256.Create(hi);
        Vector256<float> inside = inclusive
            ? Vector256.GreaterThanOrEqual(x, l) & Vector256.LessThanOrEqual(x, h)
            : Vector256.GreaterThan(x, l) & Vector256.LessThan(x, h);
        return Vector256.ConditionalSelect(inside, g, Vector256<float>.Zero);
    }

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> g)
    {
        Vector512<float> l = Vector512.Create(lo), h = Vector512.Create(hi);
        Vector512<float> inside = inclusive
            ? Vector512.GreaterThanOrEqual(x, l) & Vector512.LessThanOrEqual(x, h)
            : Vector512.GreaterThan(x, l) & Vector512.LessThan(x, h);
        return Vector512.ConditionalSelect(inside, g, Vector512<float>.Zero);
    }
}

/// <summary>Backward of sigmoid over (y, g): g * (1 - y) * y, in PyTorch's order.</summary>
internal readonly struct SigmoidBackwardOperator : IBinaryOperator
{
    public float Invoke(float y, float g) => g * (1f - y) * y;
    public Vector256<float> Invoke(Vector256<float> y, Vector256<float> g) => g * (Vector256<float>.One - y) * y;
    public Vector512<float> Invoke(Vector512<float> y, Vector512<float> g) => g * (Vector512<float>.One - y) * y;
}

/// <summary>Backward of tanh over (y, g): g * (1 - y^2).</summary>
internal readonly struct TanhBackwardOperator : IBinaryOperator
{
    public float Invoke(float y, float g) => g * (1f - y * y);
    public Vector256<float> Invoke(Vector256<float> y, Vector256<float> g) => g * (Vector256<float>.One - y * y);
    public Vector512<float> Invoke(Vector512<float> y, Vector512<float> g) => g * (Vector512<float>.One - y * y);
}

/// <summary>Backward of sqrt over (y, g): g / (2 y).</summary>
internal readonly struct SqrtBackwardOperator : IBinaryOperator
{
    public float Invoke(float y, float g) => g / (2f * y);
    public Vector256<float> Invoke(Vector256<float> y, Vector256<float> g) => g / (y + y);
    public Vector512<float> Invoke(Vector512<float> y, Vector512<float> g) => g / (y + y);
}

/// <summary>Backward of abs over (x, g): g * sign(x), 0 at x = 0 (as PyTorch).</summary>
internal readonly struct AbsBackwardOperator : IBinaryOperator
{
    public float Invoke(float x, float g) => x > 0f ? g : x < 0f ? -g : 0f;

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> g) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), g,
            Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -g, Vector256<float>.Zero));

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> g) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), g,
            Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), -g, Vector512<float>.Zero));
}
