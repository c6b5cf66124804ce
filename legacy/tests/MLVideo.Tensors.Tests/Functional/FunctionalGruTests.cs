using MLVideo.Tensors;
using MLVideo.Tensors.Kernels;
using MLVideo.Tensors.Tests.Fixtures;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;
using F = MLVideo.Tensors.Functional;

namespace MLVideo.Tensors.Tests.Functional;

/// <summary><see cref="F.Gru(Tensor, Tensor?, Tensor, Tensor, Tensor?, Tensor?)"/> (Functional.Recurrent.cs, GruKernels.cs).</summary>
[TestClass]
public sealed class FunctionalGruTests
{
    [TestMethod]
    [DataRow("gru")]
    [DataRow("gru_zero_h0")]
    public void Gru_Fixture_MatchesPyTorch(string caseName)
    {
        var f = Fixture.Load(caseName);
        var x = f.Get("in.x").RequiresGrad_();
        Tensor? h0 = f.Has("in.h0") ? f.Get("in.h0").RequiresGrad_() : null;
        var wih = f.Get("param.weight_ih_l0").RequiresGrad_();
        var whh = f.Get("param.weight_hh_l0").RequiresGrad_();
        var bih = f.Get("param.bias_ih_l0").RequiresGrad_();
        var bhh = f.Get("param.bias_hh_l0").RequiresGrad_();

        var (output, hn) = F.Gru(x, h0, wih, whh, bih, bhh);
        f.AssertClose("out.output", output);
        f.AssertClose("out.h_n", hn);

        // loss = sum(output * gout.output) + sum(h_n * gout.h_n): back-propagate both; leaf gradients accumulate.
        output.Backward(f.Get("gout.output"), retainGraph: true);
        hn.Backward(f.Get("gout.h_n"));
        f.AssertClose("grad.in.x", x.Grad!);
        if (h0 is not null) f.AssertClose("grad.in.h0", h0.Grad!);
        f.AssertClose("grad.param.weight_ih_l0", wih.Grad!);
        f.AssertClose("grad.param.weight_hh_l0", whh.Grad!);
        f.AssertClose("grad.param.bias_ih_l0", bih.Grad!);
        f.AssertClose("grad.param.bias_hh_l0", bhh.Grad!);
    }

    [TestMethod]
    [DataRow(2, 3, 4, 5, DisplayName = "H 5: scalar gate path")]
    [DataRow(2, 3, 3, 19, DisplayName = "H 19: vector gate path plus tail")]
    public void Gru_GradCheck_AllInputs(int batch, int steps, int inputSize, int hidden)
    {
        var x = Random(1, batch, steps, inputSize).RequiresGrad_();
        var h0 = Random(2, 1, batch, hidden).RequiresGrad_();
        var (wih, whh, bih, bhh) = Weights(3, inputSize, hidden);
        // Sum the output and h_n so both backward paths are checked (the check weights each element separately).
        GradCheck.Check(t =>
        {
            var (o, hn) = F.Gru(t[0], t[1], t[2], t[3], t[4], t[5]);
            return Concat(o, hn);
        }, [x, h0, wih, whh, bih, bhh], eps: 1e-2, atol: 1e-3, rtol: 1e-2, maxChecksPerInput: 48);
    }

    [TestMethod]
    public void Gru_GradCheck_NoBiasNoH0()
    {
        var x = Random(4, 2, 4, 3).RequiresGrad_();
        var (wih, whh, _, _) = Weights(5, 3, 6);
        GradCheck.Check(t => F.Gru(t[0], null, t[1], t[2], null, null).Output, [x, wih, whh], eps: 1e-2, atol: 1e-3, rtol: 1e-2, maxChecksPerInput: 48);
    }

    [TestMethod]
    [DataRow(3, 4, 5, 7)]
    [DataRow(2, 6, 8, 33)]
    public void Gru_MatchesDoubleReference(int batch, int steps, int inputSize, int hidden)
    {
        var x = Random(6, batch, steps, inputSize);
        var h0 = Random(7, 1, batch, hidden);
        var (wih, whh, bih, bhh) = Weights(8, inputSize, hidden);
        var (output, hn) = F.Gru(x, h0, wih, whh, bih, bhh);
        double[] expected = ReferenceGru(x.ToArray(), h0.ToArray(), wih.ToArray(), whh.ToArray(), bih.ToArray(), bhh.ToArray(), batch, steps, inputSize, hidden);
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], output.Data[i], 2e-5, $"output[{i}]");
        for (int n = 0; n < batch; n++)
            for (int j = 0; j < hidden; j++)
                Assert.AreEqual(output[n, steps - 1, j], hn[0, n, j], $"h_n is the last step ({n}, {j})");
    }

    [TestMethod]
    public void Gru_TimeMajor_EqualsBatchFirstOfTransposedInput()
    {
        const int batch = 3, steps = 4, inputSize = 5, hidden = 6;
        var xb = Random(9, batch, steps, inputSize);
        var xt = Tensor.Zeros(steps, batch, inputSize);
        for (int n = 0; n < batch; n++)
            for (int t = 0; t < steps; t++)
                for (int i = 0; i < inputSize; i++) xt[t, n, i] = xb[n, t, i];
        var h0 = Random(10, 1, batch, hidden);
        var (wih, whh, bih, bhh) = Weights(11, inputSize, hidden);
        var dy = Random(12, batch, steps, hidden);
        var dyT = Tensor.Zeros(steps, batch, hidden);
        for (int n = 0; n < batch; n++)
            for (int t = 0; t < steps; t++)
                for (int j = 0; j < hidden; j++) dyT[t, n, j] = dy[n, t, j];

        var runs = new List<(Tensor Out, Tensor Hn, Tensor Dx, Tensor Dwhh, Tensor Dh0)>();
        foreach (bool batchFirst in new[] { true, false })
        {
            var x = Tensor.FromArray((batchFirst ? xb : xt).Data, (batchFirst ? xb : xt).ShapeArray).RequiresGrad_();
            var h = Tensor.FromArray(h0.Data, h0.ShapeArray).RequiresGrad_();
            var w = Tensor.FromArray(whh.Data, whh.ShapeArray).RequiresGrad_();
            var (o, hn) = F.Gru(x, h, wih, w, bih, bhh, batchFirst);
            o.Backward(batchFirst ? dy : dyT);
            runs.Add((o, hn, x.Grad!, w.Grad!, h.Grad!));
        }
        CollectionAssert.AreEqual(new[] { steps, batch, hidden }, runs[1].Out.ShapeArray);
        for (int n = 0; n < batch; n++)
            for (int t = 0; t < steps; t++)
            {
                for (int j = 0; j < hidden; j++) Assert.AreEqual(runs[0].Out[n, t, j], runs[1].Out[t, n, j], 1e-6f);
                for (int i = 0; i < inputSize; i++) Assert.AreEqual(runs[0].Dx[n, t, i], runs[1].Dx[t, n, i], 1e-5f);
            }
        CollectionAssert.AreEqual(runs[0].Hn.ToArray(), runs[1].Hn.ToArray());
        // Same sums in another row order: equal up to rounding.
        for (int i = 0; i < runs[0].Dwhh.Count; i++) Assert.AreEqual(runs[0].Dwhh.Data[i], runs[1].Dwhh.Data[i], 1e-6f, $"dW_hh[{i}]");
        for (int i = 0; i < runs[0].Dh0.Count; i++) Assert.AreEqual(runs[0].Dh0.Data[i], runs[1].Dh0.Data[i], 1e-6f, $"dh0[{i}]");
    }

    [TestMethod]
    public void Gru_BackwardFromHnOnly_EqualsOutputGradientAtLastStep()
    {
        const int batch = 2, steps = 3, inputSize = 4, hidden = 5;
        var (wih, whh, bih, bhh) = Weights(13, inputSize, hidden);
        var g = Random(14, 1, batch, hidden);

        var x1 = Random(15, batch, steps, inputSize).RequiresGrad_();
        F.Gru(x1, null, wih, whh, bih, bhh).HN.Backward(g);

        var x2 = Random(15, batch, steps, inputSize).RequiresGrad_();
        var dOut = Tensor.Zeros(batch, steps, hidden);
        for (int n = 0; n < batch; n++)
            for (int j = 0; j < hidden; j++) dOut[n, steps - 1, j] = g[0, n, j];
        F.Gru(x2, null, wih, whh, bih, bhh).Output.Backward(dOut);
        AssertSame(x2.Grad!.ToArray(), x1.Grad!, "h_n backward");
    }

    [TestMethod]
    public void Gru_CountsMacsOfBothProjections()
    {
        var (wih, whh, bih, bhh) = Weights(19, 4, 5);
        using var counter = MacCounter.Start();
        F.Gru(Tensor.Zeros(2, 3, 4), null, wih, whh, bih, bhh);
        Assert.AreEqual(2L * 3 * 15 * (4 + 5), counter.TotalMacs);
        Assert.AreEqual(counter.TotalMacs, counter.ByOp["gru"]);
    }

    [TestMethod]
    public void Gru_NoGrad_RecordsNothing()
    {
        var x = Random(16, 2, 3, 4).RequiresGrad_();
        var (wih, whh, bih, bhh) = Weights(17, 4, 5);
        using (Autograd.NoGrad())
        {
            var (o, hn) = F.Gru(x, null, wih, whh, bih, bhh);
            Assert.IsNull(o.GradFn);
            Assert.IsNull(hn.GradFn);
        }
    }

    [TestMethod]
    public void Gru_BadShapes_ThrowNamingOpAndShapes()
    {
        var (wih, whh, bih, bhh) = Weights(18, 4, 5);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Gru(Tensor.Zeros(2, 4), null, wih, whh, bih, bhh));
        StringAssert.Contains(e.Message, "Gru");
        StringAssert.Contains(e.Message, "[2, 4]");
        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Gru(Tensor.Zeros(2, 3, 7), null, wih, whh, bih, bhh));
        StringAssert.Contains(e.Message, "weightIh");
        StringAssert.Contains(e.Message, "[2, 3, 7]");
        StringAssert.Contains(e.Message, "[15, 4]");
        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Gru(Tensor.Zeros(2, 3, 4), Tensor.Zeros(1, 3, 5), wih, whh, bih, bhh));
        StringAssert.Contains(e.Message, "h0 [1, 3, 5]");
        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Gru(Tensor.Zeros(2, 3, 4), null, wih, Tensor.Zeros(15, 4), bih, bhh));
        StringAssert.Contains(e.Message, "weightHh");
        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Gru(Tensor.Zeros(2, 3, 4), null, wih, whh, Tensor.Zeros(5), bhh));
        StringAssert.Contains(e.Message, "biasIh [5]");
        e = Assert.ThrowsExactly<ShapeMismatchException>(() => F.Gru(Tensor.Zeros(2, 0, 4), null, wih, whh, bih, bhh));
        StringAssert.Contains(e.Message, "empty");
    }

    [TestMethod]
    public void GateActivations_MatchMathF()
    {
        // The GRU's own vector sigmoid/tanh against MathF over a wide range, including saturation.
        for (float v = -30f; v <= 30f; v += v is > -1f and < 1f ? 0.013f : 0.37f)
        {
            var x512 = System.Runtime.Intrinsics.Vector512.Create(v);
            var x256 = System.Runtime.Intrinsics.Vector256.Create(v);
            double sigmoid = 1 / (1 + Math.Exp(-v));
            Assert.AreEqual(sigmoid, GruKernels.Sigmoid(x512)[0], 2e-7 + 1e-6 * sigmoid, $"sigmoid512({v})");
            Assert.AreEqual(sigmoid, GruKernels.Sigmoid(x256)[0], 2e-7 + 1e-6 * sigmoid, $"sigmoid256({v})");
            Assert.AreEqual(Math.Tanh(v), GruKernels.Tanh(x512)[0], 2e-7 + 1e-6 * Math.Abs(Math.Tanh(v)), $"tanh512({v})");
            Assert.AreEqual(Math.Tanh(v), GruKernels.Tanh(x256)[0], 2e-7 + 1e-6 * Math.Abs(Math.Tanh(v)), $"tanh256({v})");
        }
        foreach (float small in new[] { 1e-4f, -3e-3f, 0.29f, 0.31f })
            Assert.AreEqual(Math.Tanh(small), GruKernels.Tanh(System.Runtime.Intrinsics.Vector512.Create(small))[0], 3e-7 * Math.Abs(small), $"tanh keeps relative precision near 0 ({small})");
    }

    // ---------------------------------------------------------------- helpers

    private static (Tensor Wih, Tensor Whh, Tensor Bih, Tensor Bhh) Weights(int seed, int inputSize, int hidden)
    {
        var gen = new Generator((ulong)seed);
        float k = 1f / MathF.Sqrt(hidden); // PyTorch's GRU init range
        return (Tensor.Rand([3 * hidden, inputSize], -k, k, gen).RequiresGrad_(), Tensor.Rand([3 * hidden, hidden], -k, k, gen).RequiresGrad_(),
            Tensor.Rand([3 * hidden], -k, k, gen).RequiresGrad_(), Tensor.Rand([3 * hidden], -k, k, gen).RequiresGrad_());
    }

    /// <summary>output and h_n as one tensor that back-propagates into both (via a cat of flattened views).</summary>
    private static Tensor Concat(Tensor output, Tensor hn) => Tensor.Cat([output.Reshape(-1), hn.Reshape(-1)], 0);

    private static double[] ReferenceGru(float[] x, float[] h0, float[] wih, float[] whh, float[] bih, float[] bhh, int batch, int steps, int inputSize, int hidden)
    {
        var output = new double[batch * steps * hidden];
        for (int n = 0; n < batch; n++)
        {
            var h = new double[hidden];
            for (int j = 0; j < hidden; j++) h[j] = h0[n * hidden + j];
            for (int t = 0; t < steps; t++)
            {
                var next = new double[hidden];
                for (int j = 0; j < hidden; j++)
                {
                    double[] gi = new double[3], gh = new double[3];
                    for (int g = 0; g < 3; g++)
                    {
                        int rowW = g * hidden + j;
                        gi[g] = bih[rowW];
                        gh[g] = bhh[rowW];
                        for (int i = 0; i < inputSize; i++) gi[g] += wih[rowW * inputSize + i] * x[(n * steps + t) * inputSize + i];
                        for (int k = 0; k < hidden; k++) gh[g] += whh[rowW * hidden + k] * h[k];
                    }
                    double r = 1 / (1 + Math.Exp(-(gi[0] + gh[0])));
                    double z = 1 / (1 + Math.Exp(-(gi[1] + gh[1])));
                    double nn = Math.Tanh(gi[2] + r * gh[2]);
                    next[j] = (1 - z) * nn + z * h[j];
                }
                h = next;
                for (int j = 0; j < hidden; j++) output[(n * steps + t) * hidden + j] = h[j];
            }
        }
        return output;
    }
}
