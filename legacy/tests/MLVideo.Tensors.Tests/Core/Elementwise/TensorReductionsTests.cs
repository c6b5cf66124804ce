using MLVideo.Tensors;
using MLVideo.Tensors.Kernels;
using MLVideo.Tensors.Tests.Fixtures;

namespace MLVideo.Tensors.Tests.Core.Elementwise;

/// <summary>Sum, Mean, Max(dim) and ArgMax (Tensor.Reductions.cs).</summary>
[TestClass]
public sealed class TensorReductionsTests
{
    [TestCleanup]
    public void RestoreDegree() => CpuParallel.MaxDegree = Environment.ProcessorCount;

    private static void CheckFixture(string name, Func<Tensor, Tensor> op)
    {
        var f = Fixture.Load(name);
        var x = f.Get("in.x").RequiresGrad_();
        var y = op(x);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.x", x.Grad!);
    }

    [TestMethod]
    public void SumAll_Fixture_MatchesPyTorch() => CheckFixture("reduce_sum_all", x => x.Sum());

    [TestMethod]
    public void SumDim1_Fixture_MatchesPyTorch() => CheckFixture("reduce_sum_dim1", x => x.Sum([1]));

    [TestMethod]
    public void MeanDims23_Fixture_MatchesPyTorch() => CheckFixture("reduce_mean_dims23", x => x.Mean([2, 3]));

    [TestMethod]
    public void MeanKeepDimLast_Fixture_MatchesPyTorch() => CheckFixture("reduce_mean_keepdim_last", x => x.Mean([-1], keepDim: true));

    [TestMethod]
    public void MaxDim_Fixture_MatchesPyTorch()
    {
        var f = Fixture.Load("max_dim");
        var x = f.Get("in.x").RequiresGrad_();
        var (values, indices) = x.Max(1);
        f.AssertClose("out.values", values);
        f.AssertEqualInt64("out.indices", indices.Select(i => (long)i).ToArray());
        values.Backward(f.Get("gout.values"));
        f.AssertClose("grad.in.x", x.Grad!);
        CollectionAssert.AreEqual(indices, x.ArgMax(1));
    }

    /// <summary>Naive sum over a set of dims (double accumulation), result in the keepDim layout.</summary>
    private static double[] NaiveSum(Tensor x, int[] dims)
    {
        int rank = x.Rank;
        var reduced = new bool[rank];
        foreach (int d in dims) reduced[d < 0 ? d + rank : d] = true;
        if (dims.Length == 0) Array.Fill(reduced, true);
        int[] keep = x.ShapeArray.Select((s, i) => reduced[i] ? 1 : s).ToArray();
        var result = new double[ShapeHelper.Count(keep)];
        var idx = new int[rank];
        for (int flat = 0; flat < x.Count; flat++)
        {
            int rem = flat;
            for (int d = rank - 1; d >= 0; d--)
            {
                idx[d] = rem % x.Shape[d];
                rem /= x.Shape[d];
            }
            int o = 0;
            for (int d = 0; d < rank; d++) o = o * keep[d] + (reduced[d] ? 0 : idx[d]);
            result[o] += x.Data[flat];
        }
        return result;
    }

    [TestMethod]
    public void Sum_AnyDimsCombination_MatchesNaive()
    {
        var gen = new Generator(51);
        var x = Tensor.Randn([3, 4, 5, 17], gen);
        int[][] cases = [[0], [1], [2], [3], [-1], [0, 1], [1, 2], [2, 3], [0, 2], [1, 3], [0, 3], [0, 1, 2], [0, 2, 3], [0, 1, 2, 3], [3, 0], []];
        foreach (int[] dims in cases)
        {
            double[] expected = NaiveSum(x, dims);
            foreach (bool keep in new[] { false, true })
            {
                var s = x.Sum(dims, keep);
                var m = x.Mean(dims, keep);
                int divisor = x.Count / expected.Length;
                Assert.AreEqual(expected.Length, s.Count, $"dims [{string.Join(",", dims)}]");
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.AreEqual(expected[i], s.Data[i], 1e-4 * (1 + Math.Abs(expected[i])), $"sum dims [{string.Join(",", dims)}] keep {keep} i {i}");
                    Assert.AreEqual(expected[i] / divisor, m.Data[i], 1e-5 * (1 + Math.Abs(expected[i])), $"mean dims [{string.Join(",", dims)}] keep {keep} i {i}");
                }
                int rank = x.Rank;
                var flags = dims.Length == 0 ? Enumerable.Repeat(true, rank).ToArray() : Enumerable.Range(0, rank).Select(d => dims.Any(e => (e + rank) % rank == d)).ToArray();
                int[] expectedShape = Enumerable.Range(0, rank).Where(d => keep || !flags[d]).Select(d => flags[d] ? 1 : x.Shape[d]).ToArray();
                CollectionAssert.AreEqual(expectedShape, s.ShapeArray, $"shape dims [{string.Join(",", dims)}] keep {keep}");
            }
        }
    }

    [TestMethod]
    public void SumMean_SingleDimOverloads_EqualArrayForms()
    {
        var x = Tensor.Randn([3, 4, 5], new Generator(55));
        CollectionAssert.AreEqual(x.Sum([1]).ToArray(), x.Sum(1).ToArray());
        CollectionAssert.AreEqual(x.Mean([-1], keepDim: true).ToArray(), x.Mean(-1, keepDim: true).ToArray());
        CollectionAssert.AreEqual(new[] { 3, 1, 5 }, x.Sum(1, keepDim: true).ShapeArray);
    }

    [TestMethod]
    public void Sum_EmptyAndScalar_Edges()
    {
        using var empty = new Tensor(0, 3);
        Assert.AreEqual(0f, empty.Sum().Item());
        Assert.IsTrue(float.IsNaN(empty.Mean().Item()));
        CollectionAssert.AreEqual(new float[] { 0, 0, 0 }, empty.Sum([0]).ToArray());
        CollectionAssert.AreEqual(Array.Empty<float>(), empty.Sum([1]).ToArray());
        using var s = Tensor.Scalar(2.5f);
        Assert.AreEqual(2.5f, s.Sum().Item());
        Assert.AreEqual(2.5f, s.Sum([0]).Item());
        Assert.AreEqual(0, s.Sum([0]).Rank);
    }

    [TestMethod]
    public void Sum_LargeTensor_SameBitsForAnyThreadCount()
    {
        var gen = new Generator(52);
        var x = Tensor.Randn([257, 1031], gen);
        CpuParallel.MaxDegree = 1;
        float all1 = x.Sum().Item();
        float[] rows1 = x.Sum([1]).ToArray(), cols1 = x.Sum([0]).ToArray();
        CpuParallel.MaxDegree = 2;
        Assert.AreEqual(all1, x.Sum().Item());
        CollectionAssert.AreEqual(rows1, x.Sum([1]).ToArray());
        CollectionAssert.AreEqual(cols1, x.Sum([0]).ToArray());
        double exact = x.ToArray().Sum(v => (double)v);
        Assert.AreEqual(exact, all1, 1e-3);
        double[] naiveCols = NaiveSum(x, [0]);
        for (int i = 0; i < naiveCols.Length; i++) Assert.AreEqual(naiveCols[i], cols1[i], 1e-3);
    }

    [TestMethod]
    public void Reductions_GradCheck()
    {
        var gen = new Generator(53);
        var x = Tensor.Randn([2, 3, 4], gen).RequiresGrad_();
        GradCheck.Check(t => t[0].Sum(), [x]);
        GradCheck.Check(t => t[0].Mean(), [x]);
        GradCheck.Check(t => t[0].Sum([1]), [x]);
        GradCheck.Check(t => t[0].Sum([0, 2], keepDim: true), [x]);
        GradCheck.Check(t => t[0].Mean([-1]), [x]);
        GradCheck.Check(t => t[0].Mean([0, 1], keepDim: true), [x]);
        GradCheck.Check(t => t[0].Max(1).Values, [x], eps: 1e-3);
        GradCheck.Check(t => t[0].Max(-1, keepDim: true).Values, [x], eps: 1e-3);
    }

    [TestMethod]
    public void Max_TiesAndNaN_FollowPyTorch()
    {
        var x = Tensor.FromArray([1f, 3f, 3f, 2f, float.NaN, 5f, float.NaN, 0f], 2, 4);
        var (values, indices) = x.Max(1, keepDim: true);
        CollectionAssert.AreEqual(new[] { 2, 1 }, values.ShapeArray);
        CollectionAssert.AreEqual(new[] { 1, 0 }, indices);
        Assert.AreEqual(3f, values.Data[0]);
        Assert.IsTrue(float.IsNaN(values.Data[1]));
        CollectionAssert.AreEqual(new[] { 1, 0 }, x.ArgMax(-1));
        // Along dim 0: ties (columns 0, 2, 3) go to the first row.
        CollectionAssert.AreEqual(new[] { 0, 1, 0, 0 }, Tensor.FromArray([1f, 1f, 4f, 4f, 1f, 2f, 4f, 4f], 2, 4).ArgMax(0));
    }

    [TestMethod]
    public void Max_InnerDim_MatchesNaive()
    {
        var gen = new Generator(54);
        var x = Tensor.FromArray(Enumerable.Range(0, 3 * 7 * 5).Select(_ => (float)gen.NextInt(4)).ToArray(), 3, 7, 5);
        var (values, indices) = x.Max(1);
        for (int o = 0; o < 3; o++)
            for (int i = 0; i < 5; i++)
            {
                int best = 0;
                for (int j = 1; j < 7; j++) if (x[o, j, i] > x[o, best, i]) best = j;
                Assert.AreEqual(best, indices[o * 5 + i]);
                Assert.AreEqual(x[o, best, i], values[o, i]);
            }
    }

    [TestMethod]
    public void Reductions_BadDims_ThrowClearly()
    {
        using var x = new Tensor(2, 3);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => x.Sum([1, -1])).Message, "more than once");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Mean([2])).Message, "Mean");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Max(3)).Message, "Max");
        using var empty = new Tensor(2, 0);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => empty.Max(1)).Message, "size 0");
        Assert.ThrowsExactly<ArgumentException>(() => empty.ArgMax(1));
    }
}
