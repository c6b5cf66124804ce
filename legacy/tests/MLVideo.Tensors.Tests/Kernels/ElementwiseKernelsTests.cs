using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Tests.Kernels;

/// <summary>
/// The unary/binary drivers and every operator struct against a naive scalar loop, at every length
/// 0..3*16+1 (all tail sizes) and with each vector width forced (512, 256, scalar), including
/// in-place use where the destination is an input.
/// </summary>
[TestClass]
public sealed class ElementwiseKernelsTests
{
    private static readonly int[] Widths = [512, 256, 0];

    [TestCleanup]
    public void RestoreWidth() => KernelWidth.MaxBits = 512;

    private static float[] Values(Generator gen, int n, float lo, float hi)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = lo + (hi - lo) * gen.NextSingle();
        return a;
    }

    private static void CheckUnary<TOp>(TOp op, Func<float, double> reference, float lo, float hi, double rtol, double atol = 0)
        where TOp : struct, IUnaryOperator
    {
        var gen = new Generator(1);
        foreach (int width in Widths)
        {
            KernelWidth.MaxBits = width;
            for (int n = 0; n <= 3 * 16 + 1; n++)
            {
                float[] x = Values(gen, n, lo, hi);
                var dst = new float[n];
                UnaryKernels.Apply(op, x, dst);
                var inPlace = (float[])x.Clone();
                UnaryKernels.Apply(op, inPlace, inPlace);
                for (int i = 0; i < n; i++)
                {
                    double e = reference(x[i]);
                    Assert.IsTrue(Math.Abs(dst[i] - e) <= atol + rtol * Math.Abs(e), $"{typeof(TOp).Name} width {width} n {n} i {i}: f({x[i]:G9}) = {dst[i]:G9}, expected {e:G9}");
                    Assert.AreEqual(dst[i], inPlace[i], $"{typeof(TOp).Name} in place, width {width} n {n} i {i}");
                }
            }
        }
    }

    private static void CheckBinary<TOp>(TOp op, Func<float, float, double> reference, float lo, float hi, double rtol)
        where TOp : struct, IBinaryOperator
    {
        var gen = new Generator(2);
        foreach (int width in Widths)
        {
            KernelWidth.MaxBits = width;
            for (int n = 0; n <= 3 * 16 + 1; n++)
            {
                float[] x = Values(gen, n, lo, hi), y = Values(gen, n, lo, hi);
                var dst = new float[n];
                BinaryKernels.Apply(op, x, y, dst);
                var inPlace = (float[])y.Clone();
                BinaryKernels.Apply(op, x, inPlace, inPlace);
                var left = new float[n];
                var right = new float[n];
                float c = n > 0 ? y[0] : 1f;
                BinaryKernels.ApplyScalarLeft(op, c, y, left);
                BinaryKernels.ApplyScalarRight(op, x, c, right);
                for (int i = 0; i < n; i++)
                {
                    double e = reference(x[i], y[i]);
                    string what = $"{typeof(TOp).Name} width {width} n {n} i {i}";
                    Assert.IsTrue(Math.Abs(dst[i] - e) <= rtol * Math.Abs(e) + 1e-30, $"{what}: f({x[i]:G9}, {y[i]:G9}) = {dst[i]:G9}, expected {e:G9}");
                    Assert.AreEqual(dst[i], inPlace[i], what + " in place");
                    double el = reference(c, y[i]), er = reference(x[i], c);
                    Assert.IsTrue(Math.Abs(left[i] - el) <= rtol * Math.Abs(el) + 1e-30, $"{what} scalar left: {left[i]:G9} vs {el:G9}");
                    Assert.IsTrue(Math.Abs(right[i] - er) <= rtol * Math.Abs(er) + 1e-30, $"{what} scalar right: {right[i]:G9} vs {er:G9}");
                }
            }
        }
    }

    [TestMethod]
    public void UnaryOperators_AllLengthsAndWidths_MatchNaive()
    {
        CheckUnary(new NegateOperator(), x => -x, -5, 5, 0);
        CheckUnary(new AddScalarOperator(1.5f), x => x + 1.5f, -5, 5, 0);
        CheckUnary(new ScalarSubtractOperator(1.5f), x => 1.5f - x, -5, 5, 0);
        CheckUnary(new ScaleOperator(-2.5f), x => x * -2.5f, -5, 5, 0);
        CheckUnary(new DivideByScalarOperator(3f), x => x / 3f, -5, 5, 0);
        CheckUnary(new ScalarDivideOperator(3f), x => 3f / x, 0.1f, 5, 0);
        CheckUnary(new SquareOperator(), x => x * x, -5, 5, 0);
        CheckUnary(new ExpOperator(), x => Math.Exp(x), -20, 20, 2e-7);
        CheckUnary(new LogOperator(), x => Math.Log(x), 1e-3f, 100, 2e-7, 1e-7);
        CheckUnary(new SqrtOperator(), x => MathF.Sqrt(x), 0, 100, 0);
        CheckUnary(new AbsOperator(), x => MathF.Abs(x), -5, 5, 0);
        CheckUnary(new ClampOperator(-1f, 2f), x => Math.Clamp(x, -1f, 2f), -5, 5, 0);
        CheckUnary(new ReluOperator(), x => Math.Max(x, 0f), -5, 5, 0);
        CheckUnary(new SigmoidOperator(), x => 1 / (1 + Math.Exp(-x)), -30, 30, 4e-7);
        CheckUnary(new TanhOperator(), x => Math.Tanh(x), -6, 6, 4e-7);
        CheckUnary(new TanhOperator(), x => Math.Tanh(x), -0.7f, 0.7f, 4e-7);
    }

    [TestMethod]
    public void BinaryOperators_AllLengthsAndWidths_MatchNaive()
    {
        CheckBinary(new AddOperator(), (x, y) => x + y, -5, 5, 0);
        CheckBinary(new SubtractOperator(), (x, y) => x - y, -5, 5, 0);
        CheckBinary(new MultiplyOperator(), (x, y) => x * y, -5, 5, 0);
        CheckBinary(new DivideOperator(), (x, y) => x / y, 0.5f, 5, 0);
        CheckBinary(new ReversedDivideOperator(), (x, y) => y / x, 0.5f, 5, 0);
        CheckBinary(new MaximumOperator(), (x, y) => Math.Max(x, y), -5, 5, 0);
        CheckBinary(new MinimumOperator(), (x, y) => Math.Min(x, y), -5, 5, 0);
        CheckBinary(new SecondOperator(), (x, y) => y, -5, 5, 0);
        CheckBinary(new NegatedMultiplyOperator(), (x, y) => -(x * y), -5, 5, 0);
        CheckBinary(new ExpOfDifferenceOperator(), (x, y) => Math.Exp((double)(x - y)), -5, 5, 2e-7);
        CheckBinary(new ReluBackwardOperator(), (x, g) => x > 0 ? g : 0, -5, 5, 0);
        CheckBinary(new ClampBackwardOperator(-1f, 1f, true), (x, g) => x >= -1 && x <= 1 ? g : 0, -2, 2, 0);
        CheckBinary(new ClampBackwardOperator(-1f, 1f, false), (x, g) => x > -1 && x < 1 ? g : 0, -2, 2, 0);
        CheckBinary(new SigmoidBackwardOperator(), (y, g) => g * (1 - y) * y, -2, 2, 1e-6);
        CheckBinary(new TanhBackwardOperator(), (y, g) => g * (1 - y * y), -2, 2, 1e-6);
        CheckBinary(new SqrtBackwardOperator(), (y, g) => g / (2 * y), 0.5f, 2, 1e-6);
        CheckBinary(new AbsBackwardOperator(), (x, g) => x > 0 ? g : x < 0 ? -g : 0, -2, 2, 0);
    }

    [TestMethod]
    public void ClampBackward_Bounds_InclusiveOrExclusive()
    {
        foreach (int width in Widths)
        {
            KernelWidth.MaxBits = width;
            float[] x = Enumerable.Range(0, 20).Select(i => i % 4 == 0 ? 0f : i % 4 == 1 ? 6f : i % 4 == 2 ? 3f : -1f).ToArray();
            float[] g = Enumerable.Repeat(1f, 20).ToArray();
            var inc = new float[20];
            var exc = new float[20];
            BinaryKernels.Apply(new ClampBackwardOperator(0f, 6f, true), x, g, inc);
            BinaryKernels.Apply(new ClampBackwardOperator(0f, 6f, false), x, g, exc);
            for (int i = 0; i < 20; i++)
            {
                Assert.AreEqual(x[i] >= 0 && x[i] <= 6 ? 1f : 0f, inc[i], $"width {width} inclusive {x[i]}");
                Assert.AreEqual(x[i] > 0 && x[i] < 6 ? 1f : 0f, exc[i], $"width {width} exclusive {x[i]}");
            }
        }
    }

    [TestMethod]
    public void Broadcast_ForcedWidths_MatchNaive()
    {
        var gen = new Generator(3);
        foreach (int width in Widths)
        {
            KernelWidth.MaxBits = width;
            foreach (int n in new[] { 1, 7, 8, 15, 16, 17, 49 })
            {
                var a = Tensor.Randn([3, 2, n], gen);
                var b = Tensor.Randn([2, 1], gen);
                var c = Tensor.Randn([n], gen);
                CollectionAssert.AreEqual(Core.Elementwise.TensorArithmeticTests.NaiveBroadcast(a, b, [3, 2, n], (x, y) => x * y), (a * b).ToArray(), $"column width {width} n {n}");
                CollectionAssert.AreEqual(Core.Elementwise.TensorArithmeticTests.NaiveBroadcast(a, c, [3, 2, n], (x, y) => x - y), (a - c).ToArray(), $"row width {width} n {n}");
                CollectionAssert.AreEqual(Core.Elementwise.TensorArithmeticTests.NaiveBroadcast(b, c, [2, n], (x, y) => x / y), (b / c).ToArray(), $"outer width {width} n {n}");
            }
        }
    }

    [TestMethod]
    public void ApplyParallel_LargeLengths_MatchSerial()
    {
        var gen = new Generator(4);
        foreach (int n in new[] { 65535, 65536, 65537, 200_003 })
        {
            float[] x = Values(gen, n, -3, 3), y = Values(gen, n, -3, 3);
            var serial = new float[n];
            var parallel = new float[n];
            BinaryKernels.Apply(new MultiplyOperator(), x, y, serial);
            BinaryKernels.ApplyParallel(new MultiplyOperator(), x, y, parallel, n);
            CollectionAssert.AreEqual(serial, parallel, $"binary n {n}");
            UnaryKernels.Apply(new TanhOperator(), x, serial);
            UnaryKernels.ApplyParallel(new TanhOperator(), x, parallel, n);
            CollectionAssert.AreEqual(serial, parallel, $"unary n {n}");
        }
    }

    [TestMethod]
    public void Apply_LengthMismatch_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => UnaryKernels.Apply(new NegateOperator(), new float[3], new float[2]));
        Assert.ThrowsExactly<ArgumentException>(() => BinaryKernels.Apply(new AddOperator(), new float[3], new float[2], new float[3]));
    }
}
