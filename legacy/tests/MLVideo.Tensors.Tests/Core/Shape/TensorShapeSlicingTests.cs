using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;

namespace MLVideo.Tensors.Tests.Core.Shape;

/// <summary>Slice, Select, IndexSelect and Gather (Tensor.Shape.Slicing.cs).</summary>
[TestClass]
public sealed class TensorShapeSlicingTests
{
    /// <summary>Python's x[start:end:step] over 0..n-1, computed with range semantics.</summary>
    private static int[] PythonRange(int n, int start, int end, int step)
    {
        int s = start < 0 ? Math.Max(0, start + n) : Math.Min(start, n);
        int e = end < 0 ? Math.Max(0, end + n) : Math.Min(end, n);
        var list = new List<int>();
        for (int i = s; i < e; i += step) list.Add(i);
        return list.ToArray();
    }

    [TestMethod]
    [DataRow(0, 6, 1)]
    [DataRow(1, 6, 2)]
    [DataRow(-4, -1, 1)]
    [DataRow(-100, 100, 3)]
    [DataRow(4, 2, 1)]
    [DataRow(6, 9, 1)]
    [DataRow(-1, 6, 5)]
    public void Slice_WithStepAndNegativeBounds_MatchesPythonSemantics(int start, int end, int step)
    {
        var x = Random(1, 2, 6, 3);
        var y = x.Slice(1, start, end, step);
        int[] picked = PythonRange(6, start, end, step);
        CollectionAssert.AreEqual(new[] { 2, picked.Length, 3 }, y.ShapeArray);
        var expected = new List<float>();
        for (int a = 0; a < 2; a++)
            foreach (int b in picked)
                for (int c = 0; c < 3; c++) expected.Add(x[a, b, c]);
        AssertSame(expected.ToArray(), y, $"x[:, {start}:{end}:{step}]");
    }

    [TestMethod]
    public void Slice_LastDimWithStep_EveryLength()
    {
        for (int n = 0; n <= 3 * 16 + 1; n++)
        {
            var x = Random(n, 2, n);
            var y = x.Slice(-1, 1, n, 2);
            int[] picked = PythonRange(n, 1, n, 2);
            var expected = new List<float>();
            for (int a = 0; a < 2; a++) foreach (int b in picked) expected.Add(x[a, b]);
            AssertSame(expected.ToArray(), y, $"n={n}");
        }
    }

    [TestMethod]
    public void Slice_Backward_GradientOnlyAtSlicedPositions()
    {
        var x = Tensor.Zeros(5).RequiresGrad_();
        var y = x.Slice(0, 0, 5, 2);
        y.Backward(Tensor.FromArray([1, 2, 3], 3));
        CollectionAssert.AreEqual(new float[] { 1, 0, 2, 0, 3 }, x.Grad!.ToArray());
    }

    [TestMethod]
    public void Slice_GradCheck()
    {
        var x = Random(2, 3, 7, 2).RequiresGrad_();
        GradCheck.Check(t => t[0].Slice(1, -6, 7, 3), [x], atol: 1e-3, rtol: 1e-3);
        GradCheck.Check(t => t[0].Slice(-1, 1, 2), [x], atol: 1e-3, rtol: 1e-3);
    }

    [TestMethod]
    public void Slice_BadStepOrDim_Throws()
    {
        var x = Tensor.Zeros(2, 3);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Slice(1, 0, 3, 0));
        StringAssert.Contains(e.Message, "Slice");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Slice(2, 0, 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Tensor.Scalar(1f).Slice(0, 0, 1));
    }

    [TestMethod]
    public void Select_NegativeIndex_RemovesDim()
    {
        var x = Random(3, 2, 3, 4);
        var y = x.Select(1, -1);
        CollectionAssert.AreEqual(new[] { 2, 4 }, y.ShapeArray);
        for (int a = 0; a < 2; a++)
            for (int c = 0; c < 4; c++) Assert.AreEqual(x[a, 2, c], y[a, c]);
        CollectionAssert.AreEqual(Array.Empty<int>(), Tensor.FromArray([7], 1).Select(0, 0).ShapeArray);
    }

    [TestMethod]
    public void Select_OutOfRange_ThrowsNamingOpAndSize()
    {
        var x = Tensor.Zeros(2, 3);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Select(1, 3));
        StringAssert.Contains(e.Message, "Select");
        StringAssert.Contains(e.Message, "size 3");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Select(-3, 0));
    }

    [TestMethod]
    public void Select_GradCheck()
    {
        var x = Random(4, 3, 4, 2).RequiresGrad_();
        GradCheck.Check(t => t[0].Select(-2, 2), [x], atol: 1e-3, rtol: 1e-3);
    }

    [TestMethod]
    public void IndexSelect_Repeats_GradientAccumulates()
    {
        var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3).RequiresGrad_();
        var y = x.IndexSelect(1, [2, 0, 2]);
        CollectionAssert.AreEqual(new float[] { 3, 1, 3, 6, 4, 6 }, y.ToArray());
        y.Backward(Tensor.FromArray([1, 10, 100, 1, 10, 100], 2, 3));
        CollectionAssert.AreEqual(new float[] { 10, 0, 101, 10, 0, 101 }, x.Grad!.ToArray());
    }

    [TestMethod]
    public void IndexSelect_EmptyIndicesAndErrors()
    {
        var x = Random(5, 2, 3);
        CollectionAssert.AreEqual(new[] { 0, 3 }, x.IndexSelect(0, []).ShapeArray);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.IndexSelect(-1, [0, 3]));
        StringAssert.Contains(e.Message, "IndexSelect");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.IndexSelect(0, [-1]));
    }

    [TestMethod]
    public void IndexSelect_GradCheck()
    {
        var x = Random(6, 3, 4, 2).RequiresGrad_();
        GradCheck.Check(t => t[0].IndexSelect(1, [3, 0, 3, 1]), [x], atol: 1e-3, rtol: 1e-3);
    }

    [TestMethod]
    public void Gather_Dim1_PicksPerRow()
    {
        var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3).RequiresGrad_();
        var y = x.Gather(-1, [2, 2, 0, 1], [2, 2]);
        CollectionAssert.AreEqual(new float[] { 3, 3, 4, 5 }, y.ToArray());
        y.Backward(Tensor.FromArray([1, 2, 3, 4], 2, 2));
        CollectionAssert.AreEqual(new float[] { 0, 0, 3, 3, 4, 0 }, x.Grad!.ToArray());
    }

    [TestMethod]
    public void Gather_Dim0_SmallerIndexShape_MatchesDefinition()
    {
        var x = Random(7, 4, 3, 2);
        int[] indexShape = [5, 2, 1];
        var gen = new Generator(8);
        var index = new int[10];
        for (int i = 0; i < index.Length; i++) index[i] = gen.NextInt(4);
        var y = x.Gather(0, index, indexShape);
        CollectionAssert.AreEqual(indexShape, y.ShapeArray);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 2; j++)
                Assert.AreEqual(x[index[i * 2 + j], j, 0], y[i, j, 0]);
    }

    [TestMethod]
    public void Gather_BadIndex_Throws()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Gather(1, [0, 3], [2, 1]));
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => x.Gather(1, [0, 0, 0], [3, 1]));
        StringAssert.Contains(e.Message, "Gather");
        Assert.ThrowsExactly<ShapeMismatchException>(() => x.Gather(1, [0, 0], [2]));
        Assert.ThrowsExactly<ShapeMismatchException>(() => x.Gather(1, [0], [2, 1]));
    }

    [TestMethod]
    public void Gather_GradCheck_WithRepeats()
    {
        var x = Random(9, 3, 4).RequiresGrad_();
        GradCheck.Check(t => t[0].Gather(1, [0, 0, 3, 1, 2, 1, 3, 3, 0], [3, 3]), [x], atol: 1e-3, rtol: 1e-3);
    }
}
