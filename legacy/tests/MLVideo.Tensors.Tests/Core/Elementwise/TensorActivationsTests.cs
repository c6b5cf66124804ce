using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;

namespace MLVideo.Tensors.Tests.Core.Elementwise;

/// <summary>ReLU, ReLU6, sigmoid, tanh, softmax and log-softmax (Tensor.Activations.cs).</summary>
[TestClass]
public sealed class TensorActivationsTests
{
    private static void CheckUnaryFixture(string name, Func<Tensor, Tensor> op)
    {
        var f = Fixture.Load(name);
        var x = f.Get("in.x").RequiresGrad_();
        var y = op(x);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.x", x.Grad!);
    }

    [TestMethod]
    public void Relu_Fixture_MatchesPyTorch() => CheckUnaryFixture("relu", x => x.Relu());

    [TestMethod]
    public void Relu6_Fixture_MatchesPyTorch() => CheckUnaryFixture("relu6", x => x.Relu6());

    [TestMethod]
    public void Sigmoid_Fixture_MatchesPyTorch() => CheckUnaryFixture("sigmoid", x => x.Sigmoid());

    [TestMethod]
    public void Tanh_Fixture_MatchesPyTorch() => CheckUnaryFixture("tanh", x => x.Tanh());

    [TestMethod]
    public void Softmax_Fixture_MatchesPyTorch() => CheckUnaryFixture("softmax", x => x.Softmax(-1));

    [TestMethod]
    public void LogSoftmax_Fixture_MatchesPyTorch() => CheckUnaryFixture("log_softmax", x => x.LogSoftmax(-1));

    [TestMethod]
    public void Pointwise_ValuesMatchDoubleReference()
    {
        // Every lane position of both vector widths plus tails, and the whole useful range of tanh/sigmoid
        // (including |x| around the 0.55 switch point of the vector tanh and tiny |x|).
        var values = new List<float> { 0f, -0f, 1e-8f, -1e-6f, 1e-3f, 0.5499f, 0.55f, 0.5501f, -0.55f, 9f, 20f, -20f, 89f, -89f, 100f, -100f, float.PositiveInfinity, float.NegativeInfinity };
        var gen = new Generator(31);
        for (int i = 0; i < 200; i++) values.Add((gen.NextSingle() - 0.5f) * 12f);
        for (int i = 0; i < 50; i++) values.Add((gen.NextSingle() - 0.5f) * 1.2f);
        var x = Tensor.FromArray(values.ToArray(), values.Count);
        AssertClose(x, x.Tanh(), v => Math.Tanh(v), 4e-7, "tanh");
        AssertClose(x, x.Sigmoid(), v => 1.0 / (1.0 + Math.Exp(-v)), 4e-7, "sigmoid");
        AssertClose(x, x.Relu(), v => Math.Max(v, 0.0), 0, "relu");
        AssertClose(x, x.Relu6(), v => Math.Clamp(v, 0.0, 6.0), 0, "relu6");
    }

    private static void AssertClose(Tensor x, Tensor y, Func<double, double> f, double rtol, string op)
    {
        for (int i = 0; i < x.Count; i++)
        {
            double expected = f(x.Data[i]);
            double actual = y.Data[i];
            Assert.IsTrue(expected.Equals(actual) || Math.Abs(expected - actual) <= rtol * Math.Abs(expected) + 1e-38,
                $"{op}({x.Data[i]:G9}) = {actual:G9}, expected {expected:G9}");
        }
    }

    [TestMethod]
    public void Relu_NaN_StaysNaN()
    {
        using var x = Tensor.FromArray([float.NaN, -1f, 2f], 3);
        var y = x.Relu();
        Assert.IsTrue(float.IsNaN(y.Data[0]));
        Assert.AreEqual(0f, y.Data[1]);
        Assert.IsTrue(float.IsNaN(x.Sigmoid().Data[0]));
        Assert.IsTrue(float.IsNaN(x.Tanh().Data[0]));
    }

    [TestMethod]
    public void Relu6_Gradient_ExcludesTheBounds()
    {
        var x = Tensor.FromArray([-1f, 0f, 3f, 6f, 7f], 5).RequiresGrad_();
        x.Relu6().Backward(Tensor.Ones(5));
        CollectionAssert.AreEqual(new float[] { 0, 0, 1, 0, 0 }, x.Grad!.ToArray());
    }

    [TestMethod]
    public void Pointwise_GradCheck()
    {
        var x = Tensor.FromArray([-2.5f, -1.3f, -0.4f, 0.3f, 0.9f, 1.7f, 2.6f, 5.2f, 6.8f, -0.05f, 0.2f, 3.3f], 3, 4).RequiresGrad_();
        GradCheck.Check(t => t[0].Relu(), [x], eps: 1e-3);
        GradCheck.Check(t => t[0].Relu6(), [x], eps: 1e-3);
        GradCheck.Check(t => t[0].Sigmoid(), [x], eps: 1e-3);
        GradCheck.Check(t => t[0].Tanh(), [x], eps: 1e-3);
    }

    /// <summary>Naive softmax over one dimension in double.</summary>
    private static double[] NaiveSoftmax(Tensor x, int dim, bool log)
    {
        int rank = x.Rank, d = dim < 0 ? dim + rank : dim;
        int outer = 1, inner = 1, n = x.Shape[d];
        for (int i = 0; i < d; i++) outer *= x.Shape[i];
        for (int i = d + 1; i < rank; i++) inner *= x.Shape[i];
        var result = new double[x.Count];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                double max = double.NegativeInfinity;
                for (int j = 0; j < n; j++) max = Math.Max(max, x.Data[(o * n + j) * inner + i]);
                double sum = 0;
                for (int j = 0; j < n; j++) sum += Math.Exp(x.Data[(o * n + j) * inner + i] - max);
                for (int j = 0; j < n; j++)
                {
                    double v = x.Data[(o * n + j) * inner + i] - max;
                    result[(o * n + j) * inner + i] = log ? v - Math.Log(sum) : Math.Exp(v) / sum;
                }
            }
        return result;
    }

    [TestMethod]
    public void Softmax_EveryDimAndLength_MatchesNaive()
    {
        var gen = new Generator(41);
        foreach (int n in new[] { 1, 2, 7, 8, 9, 15, 16, 17, 33, 49 })
        {
            var x = Tensor.Randn([3, n, 5], gen) * 4f;
            var xl = Tensor.Randn([2, n], gen) * 4f;
            foreach (bool log in new[] { false, true })
            {
                for (int dim = -3; dim < 3; dim++)
                {
                    var y = log ? x.LogSoftmax(dim) : x.Softmax(dim);
                    AssertArrayClose(NaiveSoftmax(x, dim, log), y.ToArray(), 2e-6, $"n={n} dim={dim} log={log}");
                }
                var yl = log ? xl.LogSoftmax(1) : xl.Softmax(1);
                AssertArrayClose(NaiveSoftmax(xl, 1, log), yl.ToArray(), 2e-6, $"rows n={n} log={log}");
            }
        }
    }

    private static void AssertArrayClose(double[] expected, float[] actual, double tol, string what)
    {
        Assert.AreEqual(expected.Length, actual.Length, what);
        for (int i = 0; i < expected.Length; i++)
            Assert.IsTrue(Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i])), $"{what}: element {i}: {actual[i]:G9} vs {expected[i]:G9}");
    }

    [TestMethod]
    public void Softmax_HugeLogits_StayFinite()
    {
        using var x = Tensor.FromArray([1000f, 999f, -1000f, 5e30f, 5e30f, 0f], 2, 3);
        var y = x.Softmax(1);
        var ly = x.LogSoftmax(1);
        Assert.IsTrue(y.ToArray().All(float.IsFinite));
        Assert.IsTrue(ly.ToArray().All(v => !float.IsNaN(v)));
        Assert.AreEqual(1.0 / (1 + Math.Exp(-1)), y.Data[0], 1e-6);
        Assert.AreEqual(0.5f, y.Data[3], 1e-6);
        Assert.AreEqual(-Math.Log(1 + Math.Exp(-1)), ly.Data[0], 1e-5);
    }

    [TestMethod]
    public void Softmax_LargeTensor_ParallelPathMatchesNaive()
    {
        var gen = new Generator(43);
        var x = Tensor.Randn([64, 40, 33], gen);
        AssertArrayClose(NaiveSoftmax(x, 1, false), x.Softmax(1).ToArray(), 2e-6, "dim 1");
        AssertArrayClose(NaiveSoftmax(x, 2, true), x.LogSoftmax(2).ToArray(), 2e-6, "dim 2");
    }

    [TestMethod]
    public void Softmax_GradCheck_InnerAndLastDim()
    {
        var gen = new Generator(44);
        var x = Tensor.Randn([2, 5, 3], gen).RequiresGrad_();
        GradCheck.Check(t => t[0].Softmax(1), [x], eps: 1e-3);
        GradCheck.Check(t => t[0].Softmax(-1), [x], eps: 1e-3);
        GradCheck.Check(t => t[0].LogSoftmax(1), [x], eps: 1e-3);
        GradCheck.Check(t => t[0].LogSoftmax(-1), [x], eps: 1e-3);
        GradCheck.Check(t => t[0].LogSoftmax(0), [x], eps: 1e-3);
    }

    [TestMethod]
    public void Softmax_BadDim_ThrowsNamingOp()
    {
        using var x = new Tensor(2, 3);
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Softmax(2));
        StringAssert.Contains(ex.Message, "Softmax");
    }
}
