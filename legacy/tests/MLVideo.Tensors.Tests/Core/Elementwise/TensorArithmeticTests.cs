using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;

namespace MLVideo.Tensors.Tests.Core.Elementwise;

/// <summary>Broadcasting binary arithmetic, scalar arithmetic and unary math (Tensor.Arithmetic.cs).</summary>
[TestClass]
public sealed class TensorArithmeticTests
{
    private static Tensor Random(Generator gen, params int[] shape) => Tensor.Randn(shape, gen);

    /// <summary>A tensor with values in [lo, hi), requiring grad.</summary>
    private static Tensor Uniform(Generator gen, float lo, float hi, params int[] shape) => Tensor.Rand(shape, lo, hi, gen).RequiresGrad_();

    private static void CheckBinaryFixture(string name, Func<Tensor, Tensor, Tensor> op)
    {
        var f = Fixture.Load(name);
        var a = f.Get("in.a").RequiresGrad_();
        var b = f.Get("in.b").RequiresGrad_();
        var y = op(a, b);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.a", a.Grad!);
        f.AssertClose("grad.in.b", b.Grad!);
    }

    [TestMethod]
    public void Add_BroadcastFixture_MatchesPyTorch() => CheckBinaryFixture("elementwise_add_broadcast", (a, b) => a + b);

    [TestMethod]
    public void Subtract_BroadcastFixture_MatchesPyTorch() => CheckBinaryFixture("elementwise_sub_broadcast", (a, b) => a - b);

    [TestMethod]
    public void Multiply_BroadcastFixture_MatchesPyTorch() => CheckBinaryFixture("elementwise_mul_broadcast", (a, b) => a * b);

    [TestMethod]
    public void Divide_BroadcastFixture_MatchesPyTorch() => CheckBinaryFixture("elementwise_div_broadcast", (a, b) => a / b);

    [TestMethod]
    public void Add_IncompatibleShapes_ThrowsNamingOpAndShapes()
    {
        using var a = new Tensor(2, 3);
        using var b = new Tensor(4);
        var ex = Assert.ThrowsExactly<ShapeMismatchException>(() => a + b);
        StringAssert.Contains(ex.Message, "Add");
        StringAssert.Contains(ex.Message, "[2, 3]");
        StringAssert.Contains(ex.Message, "[4]");
        StringAssert.StartsWith(Assert.ThrowsExactly<ShapeMismatchException>(() => a - b).Message, "Sub");
        StringAssert.StartsWith(Assert.ThrowsExactly<ShapeMismatchException>(() => a * b).Message, "Mul");
        StringAssert.StartsWith(Assert.ThrowsExactly<ShapeMismatchException>(() => a / b).Message, "Div");
        StringAssert.StartsWith(Assert.ThrowsExactly<ShapeMismatchException>(() => a.Maximum(b)).Message, "Maximum");
    }

    /// <summary>Every broadcast pattern the kernels special-case, against a naive multi-index loop.</summary>
    [TestMethod]
    public void Binary_BroadcastPatterns_MatchNaive()
    {
        var gen = new Generator(11);
        int[][][] cases =
        [
            [[4, 5], [4, 5]], [[4, 5], [5]], [[4, 5], [4, 1]], [[4, 5], []], [[], [4, 5]], [[1], [3, 2]],
            [[2, 1, 5], [3, 1]], [[2, 3, 4, 5], [3, 1, 5]], [[3, 1, 5], [2, 3, 4, 5]], [[1, 3, 1], [2, 1, 4]],
            [[6, 1, 1], [1, 7, 33]], [[0, 3], [3]], [[2, 40, 3], [40, 1]], [[1, 1], [1, 1]],
        ];
        foreach (var c in cases)
        {
            var a = Random(gen, c[0]);
            var b = Random(gen, c[1]);
            int[] shape = ShapeHelper.Broadcast(c[0], c[1], "test");
            foreach (var (name, op, naive) in new (string, Func<Tensor, Tensor, Tensor>, Func<float, float, float>)[]
            {
                ("add", (x, y) => x + y, (x, y) => x + y), ("sub", (x, y) => x - y, (x, y) => x - y),
                ("mul", (x, y) => x * y, (x, y) => x * y), ("div", (x, y) => x / y, (x, y) => x / y),
                ("max", (x, y) => x.Maximum(y), MathF.Max), ("min", (x, y) => x.Minimum(y), MathF.Min),
            })
            {
                var r = op(a, b);
                CollectionAssert.AreEqual(shape, r.ShapeArray, $"{name} {ShapeHelper.Format(c[0])} {ShapeHelper.Format(c[1])}");
                var expected = NaiveBroadcast(a, b, shape, naive);
                CollectionAssert.AreEqual(expected, r.ToArray(), $"{name} {ShapeHelper.Format(c[0])} {ShapeHelper.Format(c[1])}");
            }
        }
    }

    internal static float[] NaiveBroadcast(Tensor a, Tensor b, int[] shape, Func<float, float, float> f)
    {
        int count = ShapeHelper.Count(shape);
        var result = new float[count];
        var idx = new int[shape.Length];
        for (int flat = 0; flat < count; flat++)
        {
            int rem = flat;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                idx[d] = rem % shape[d];
                rem /= shape[d];
            }
            result[flat] = f(a.Data[Offset(a.Shape, idx)], b.Data[Offset(b.Shape, idx)]);
        }
        return result;
    }

    private static int Offset(ReadOnlySpan<int> shape, int[] idx)
    {
        int off = 0, lead = idx.Length - shape.Length;
        for (int d = 0; d < shape.Length; d++) off = off * shape[d] + (shape[d] == 1 ? 0 : idx[d + lead]);
        return off;
    }

    [TestMethod]
    public void Binary_LargeTensors_ParallelPathMatchesNaive()
    {
        var gen = new Generator(3);
        var a = Random(gen, 300, 257);
        var b = Random(gen, 257);
        var c = Random(gen, 300, 1);
        CollectionAssert.AreEqual(NaiveBroadcast(a, b, [300, 257], (x, y) => x + y), (a + b).ToArray());
        CollectionAssert.AreEqual(NaiveBroadcast(a, c, [300, 257], (x, y) => x * y), (a * c).ToArray());
        CollectionAssert.AreEqual(NaiveBroadcast(a, a, [300, 257], (x, y) => x - y * 0.5f), (a - a * 0.5f).ToArray());
        using var s = Tensor.Scalar(3f);
        CollectionAssert.AreEqual(NaiveBroadcast(a, s, [300, 257], (x, y) => x / y), (a / s).ToArray());
        CollectionAssert.AreEqual(NaiveBroadcast(s, a, [300, 257], (x, y) => x / y), (s / a).ToArray());
    }

    [TestMethod]
    public void BinaryOps_GradCheck()
    {
        var gen = new Generator(21);
        var a = Uniform(gen, 0.5f, 2f, 2, 3, 4);
        var b = Uniform(gen, 0.5f, 2f, 3, 1);
        GradCheck.Check(t => t[0] + t[1], [a, b]);
        GradCheck.Check(t => t[0] - t[1], [a, b]);
        GradCheck.Check(t => t[0] * t[1], [a, b]);
        GradCheck.Check(t => t[0] / t[1], [a, b], eps: 1e-3);
        GradCheck.Check(t => t[1] / t[0], [a, b], eps: 1e-3);
        GradCheck.Check(t => t[0].Maximum(t[1]), [a, b], eps: 1e-3);
        GradCheck.Check(t => t[1].Minimum(t[0]), [a, b], eps: 1e-3);
    }

    [TestMethod]
    public void ScalarOps_ValuesAndGradCheck()
    {
        var gen = new Generator(22);
        var x = Uniform(gen, 0.5f, 2f, 3, 5);
        float[] v = x.ToArray();
        CollectionAssert.AreEqual(v.Select(e => e + 2f).ToArray(), (x + 2f).ToArray());
        CollectionAssert.AreEqual(v.Select(e => 2f + e).ToArray(), (2f + x).ToArray());
        CollectionAssert.AreEqual(v.Select(e => e - 2f).ToArray(), (x - 2f).ToArray());
        CollectionAssert.AreEqual(v.Select(e => 2f - e).ToArray(), (2f - x).ToArray());
        CollectionAssert.AreEqual(v.Select(e => e * 3f).ToArray(), (x * 3f).ToArray());
        CollectionAssert.AreEqual(v.Select(e => 3f * e).ToArray(), (3f * x).ToArray());
        CollectionAssert.AreEqual(v.Select(e => e / 3f).ToArray(), (x / 3f).ToArray());
        CollectionAssert.AreEqual(v.Select(e => 3f / e).ToArray(), (3f / x).ToArray());
        CollectionAssert.AreEqual(v.Select(e => -e).ToArray(), (-x).ToArray());
        GradCheck.Check(t => t[0] + 2f, [x]);
        GradCheck.Check(t => 2f + t[0], [x]);
        GradCheck.Check(t => t[0] - 2f, [x]);
        GradCheck.Check(t => 2f - t[0], [x]);
        GradCheck.Check(t => t[0] * 3f, [x]);
        GradCheck.Check(t => t[0] / 3f, [x]);
        GradCheck.Check(t => 3f / t[0], [x], eps: 1e-3);
        GradCheck.Check(t => -t[0], [x]);
    }

    [TestMethod]
    public void UnaryMath_ValuesMatchMathF()
    {
        var gen = new Generator(23);
        var x = Tensor.Rand([7, 9], -3f, 3f, gen);
        var pos = Tensor.Rand([7, 9], 0.01f, 5f, gen);
        AssertMapped(x, x.Exp(), MathF.Exp, 2e-7);
        AssertMapped(pos, pos.Log(), MathF.Log, 2e-7);
        AssertMapped(pos, pos.Sqrt(), MathF.Sqrt, 0);
        AssertMapped(x, x.Abs(), MathF.Abs, 0);
        AssertMapped(x, x.Clamp(-1f, 0.5f), e => Math.Clamp(e, -1f, 0.5f), 0);
        AssertMapped(x, x.Pow(2f), e => e * e, 0);
        AssertMapped(pos, pos.Pow(1.5f), e => MathF.Pow(e, 1.5f), 0);
        AssertMapped(pos, pos.Pow(-0.5f), e => MathF.Pow(e, -0.5f), 0);
        AssertMapped(x, x.Pow(3f), e => MathF.Pow(e, 3f), 0);
    }

    /// <summary>Asserts result[i] == f(x[i]) within a relative tolerance.</summary>
    internal static void AssertMapped(Tensor x, Tensor result, Func<float, float> f, double rtol)
    {
        CollectionAssert.AreEqual(x.ShapeArray, result.ShapeArray);
        for (int i = 0; i < x.Count; i++)
        {
            float expected = f(x.Data[i]), actual = result.Data[i];
            Assert.IsTrue(Math.Abs(expected - actual) <= rtol * Math.Abs(expected) + 1e-30 || expected.Equals(actual),
                $"element {i}: f({x.Data[i]:G9}) expected {expected:G9}, got {actual:G9}");
        }
    }

    [TestMethod]
    public void UnaryMath_GradCheck()
    {
        var gen = new Generator(24);
        var x = Uniform(gen, -2f, 2f, 4, 6);
        var pos = Uniform(gen, 0.5f, 3f, 4, 6);
        GradCheck.Check(t => t[0].Exp(), [x], eps: 1e-3);
        GradCheck.Check(t => t[0].Log(), [pos], eps: 1e-3);
        GradCheck.Check(t => t[0].Sqrt(), [pos], eps: 1e-3);
        GradCheck.Check(t => t[0].Pow(2f), [x], eps: 1e-3);
        GradCheck.Check(t => t[0].Pow(3f), [x], eps: 1e-3);
        GradCheck.Check(t => t[0].Pow(-1.5f), [pos], eps: 1e-3);
        GradCheck.Check(t => t[0].Pow(0f), [pos], eps: 1e-3);
        // Abs and Clamp have kinks: keep inputs away from 0 and from the bounds.
        var away = Tensor.FromArray([-1.7f, -0.9f, -0.3f, 0.4f, 0.8f, 1.6f, -1.2f, 1.1f], 2, 4).RequiresGrad_();
        GradCheck.Check(t => t[0].Abs(), [away], eps: 1e-3);
        GradCheck.Check(t => t[0].Clamp(-1f, 1f), [away], eps: 1e-3);
    }

    [TestMethod]
    public void Clamp_Gradient_PassesAtTheBoundsInclusive()
    {
        var x = Tensor.FromArray([-2f, -1f, 0f, 1f, 2f], 5).RequiresGrad_();
        x.Clamp(-1f, 1f).Backward(Tensor.Ones(5));
        CollectionAssert.AreEqual(new float[] { 0, 1, 1, 1, 0 }, x.Grad!.ToArray());
    }

    [TestMethod]
    public void Clamp_MinGreaterThanMax_Throws()
    {
        using var x = new Tensor(3);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => x.Clamp(2f, 1f));
        StringAssert.Contains(ex.Message, "Clamp");
    }

    [TestMethod]
    public void Abs_Gradient_IsZeroAtZero()
    {
        var x = Tensor.FromArray([-2f, 0f, 3f], 3).RequiresGrad_();
        x.Abs().Backward(Tensor.Ones(3));
        CollectionAssert.AreEqual(new float[] { -1, 0, 1 }, x.Grad!.ToArray());
    }

    [TestMethod]
    public void Maximum_Ties_SplitGradientInHalves()
    {
        var a = Tensor.FromArray([1f, 2f, 3f], 3).RequiresGrad_();
        var b = Tensor.FromArray([2f, 2f, 1f], 3).RequiresGrad_();
        a.Maximum(b).Backward(Tensor.FromArray([4f, 4f, 4f], 3));
        CollectionAssert.AreEqual(new float[] { 0, 2, 4 }, a.Grad!.ToArray());
        CollectionAssert.AreEqual(new float[] { 4, 2, 0 }, b.Grad!.ToArray());
        a.ZeroGrad();
        b.ZeroGrad();
        a.Minimum(b).Backward(Tensor.FromArray([4f, 4f, 4f], 3));
        CollectionAssert.AreEqual(new float[] { 4, 2, 0 }, a.Grad!.ToArray());
        CollectionAssert.AreEqual(new float[] { 0, 2, 4 }, b.Grad!.ToArray());
    }

    [TestMethod]
    public void Maximum_NaN_Propagates()
    {
        using var a = Tensor.FromArray([1f, float.NaN], 2);
        using var b = Tensor.FromArray([float.NaN, 0f], 2);
        Assert.IsTrue(a.Maximum(b).ToArray().All(float.IsNaN));
        Assert.IsTrue(a.Minimum(b).ToArray().All(float.IsNaN));
    }

    [TestMethod]
    public void Add_SameTensorTwice_GradientIsTwo()
    {
        var x = Tensor.FromArray([1f, 2f], 2).RequiresGrad_();
        (x + x).Backward(Tensor.Ones(2));
        CollectionAssert.AreEqual(new float[] { 2, 2 }, x.Grad!.ToArray());
        x.ZeroGrad();
        var y = x * 3f;
        (y + y * y).Backward(Tensor.Ones(2)); // d/dx (3x + 9x^2) = 3 + 18x
        CollectionAssert.AreEqual(new float[] { 21, 39 }, x.Grad!.ToArray());
    }

    [TestMethod]
    public void Ops_UnderNoGrad_RecordNothing()
    {
        var x = Tensor.Ones(2, 2).RequiresGrad_();
        using (Autograd.NoGrad())
        {
            Assert.IsNull((x + x).GradFn);
            Assert.IsNull((x * 2f).GradFn);
            Assert.IsNull(x.Exp().GradFn);
            Assert.IsNull(x.Maximum(x).GradFn);
        }
        Assert.IsNotNull((x + x).GradFn);
    }
}
