using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;

namespace MLVideo.Tensors.Tests.Core.Shape;

/// <summary>TopK (Tensor.Shape.TopK.cs) and its two selection paths (insertion for small k, sort for large k).</summary>
[TestClass]
public sealed class TensorShapeTopKTests
{
    /// <summary>Naive reference: stable sort of one line by value (stable = lower index first on ties).</summary>
    private static int[] NaiveOrder(float[] line, bool largest) =>
        Enumerable.Range(0, line.Length)
            .OrderBy(i => largest ? -line[i] : line[i])
            .ToArray();

    [TestMethod]
    public void TopK_Fixture_MatchesPyTorch()
    {
        var f = Fixture.Load("topk");
        var x = f.Get("in.x").RequiresGrad_();
        var (values, indices) = x.TopK(3, 1);
        f.AssertClose("out.values", values);
        f.AssertEqualInt64("out.indices", indices.Select(i => (long)i).ToArray());
        values.Backward(f.Get("gout.values"));
        f.AssertClose("grad.in.x", x.Grad!);
    }

    [TestMethod]
    public void TopK_Ties_LowerIndexFirst()
    {
        var x = Tensor.FromArray([1, 3, 3, 2, 3, 1], 6);
        var (values, indices) = x.TopK(4);
        CollectionAssert.AreEqual(new float[] { 3, 3, 3, 2 }, values.ToArray());
        CollectionAssert.AreEqual(new[] { 1, 2, 4, 3 }, indices);
        var (small, smallIdx) = x.TopK(3, largest: false);
        CollectionAssert.AreEqual(new float[] { 1, 1, 2 }, small.ToArray());
        CollectionAssert.AreEqual(new[] { 0, 5, 3 }, smallIdx);
    }

    [TestMethod]
    public void TopK_NaN_CountsAsLargest()
    {
        var x = Tensor.FromArray([1, float.NaN, 5], 3);
        Assert.AreEqual(1, x.TopK(1).Indices[0]);
        CollectionAssert.AreEqual(new[] { 0, 2, 1 }, x.TopK(3, largest: false).Indices);
    }

    [TestMethod]
    public void TopK_EveryLineLengthBothPaths_MatchesNaive()
    {
        // Lines 0..3*16+1 long with few distinct values (many ties); k = 1, size/2 and size, which covers
        // the insertion path (k <= 32) and the sort path (k > 32).
        var gen = new Generator(5);
        for (int n = 0; n <= 3 * 16 + 1; n++)
        {
            var data = new float[2 * n * 3];
            for (int i = 0; i < data.Length; i++) data[i] = gen.NextInt(7);
            var x = Tensor.FromArray(data, 2, n, 3);
            foreach (int k in new[] { Math.Min(1, n), n / 2, n })
                foreach (bool largest in new[] { true, false })
                {
                    var (values, indices) = x.TopK(k, 1, largest);
                    CollectionAssert.AreEqual(new[] { 2, k, 3 }, values.ShapeArray);
                    for (int o = 0; o < 2; o++)
                        for (int i = 0; i < 3; i++)
                        {
                            var line = Enumerable.Range(0, n).Select(j => x[o, j, i]).ToArray();
                            int[] order = NaiveOrder(line, largest);
                            for (int j = 0; j < k; j++)
                            {
                                Assert.AreEqual(order[j], indices[(o * k + j) * 3 + i], $"n={n} k={k} largest={largest}");
                                Assert.AreEqual(line[order[j]], values[o, j, i]);
                            }
                        }
                }
        }
    }

    [TestMethod]
    public void TopK_KEqualsSizeAndZero_Shapes()
    {
        var x = Tensor.FromArray([4, 1, 3], 3);
        var (all, idx) = x.TopK(3);
        CollectionAssert.AreEqual(new float[] { 4, 3, 1 }, all.ToArray());
        CollectionAssert.AreEqual(new[] { 0, 2, 1 }, idx);
        var (none, noIdx) = x.TopK(0);
        CollectionAssert.AreEqual(new[] { 0 }, none.ShapeArray);
        Assert.AreEqual(0, noIdx.Length);
    }

    [TestMethod]
    public void TopK_BadK_ThrowsNamingOp()
    {
        var x = Tensor.Zeros(2, 3);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.TopK(4));
        StringAssert.Contains(e.Message, "TopK");
        StringAssert.Contains(e.Message, "size 3");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.TopK(-1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.TopK(1, 2));
    }

    [TestMethod]
    public void TopK_GradCheck_SeparatedValues()
    {
        // Values at least 0.1 apart so a 1e-2 perturbation never changes the selection.
        var perm = new[] { 7, 2, 9, 0, 5, 11, 3, 8, 1, 10, 4, 6, 12, 14, 13, 17, 15, 16, 19, 18, 21, 20, 23, 22 };
        var x = Tensor.FromArray(perm.Select(v => v * 0.1f).ToArray(), 2, 4, 3).RequiresGrad_();
        GradCheck.Check(t => t[0].TopK(2, 1).Values, [x], atol: 1e-3, rtol: 1e-3);
        GradCheck.Check(t => t[0].TopK(3, -1, largest: false).Values, [x], atol: 1e-3, rtol: 1e-3);
    }
}
