using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;

namespace MLVideo.Tensors.Tests.Core.Shape;

/// <summary>Roll (Tensor.Shape.Roll.cs).</summary>
[TestClass]
public sealed class TensorShapeRollTests
{
    /// <summary>out[(i + shift) mod n] = x[i] along each rolled dim, element by element.</summary>
    private static float[] NaiveRoll(Tensor x, int[] shifts, int[] dims)
    {
        int[] shape = x.ShapeArray;
        var src = x.ToArray();
        var result = new float[src.Length];
        for (int j = 0; j < src.Length; j++)
        {
            int[] index = Unravel(j, shape);
            for (int k = 0; k < dims.Length; k++)
            {
                int d = dims[k] < 0 ? dims[k] + shape.Length : dims[k];
                index[d] = (int)((((long)index[d] + shifts[k]) % shape[d] + shape[d]) % shape[d]);
            }
            result[Ravel(index, shape)] = src[j];
        }
        return result;
    }

    [TestMethod]
    public void Roll_Fixture_MatchesPyTorch()
    {
        var f = Fixture.Load("roll");
        var x = f.Get("in.x").RequiresGrad_();
        var y = x.Roll([1], [2]);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.x", x.Grad!);
    }

    [TestMethod]
    [DataRow(new[] { 2 }, new[] { 1 })]
    [DataRow(new[] { -1 }, new[] { -1 })]
    [DataRow(new[] { 7, -5 }, new[] { 0, 2 })]
    [DataRow(new[] { 1, 2, 3 }, new[] { 0, 1, 2 })]
    [DataRow(new[] { 0, 4 }, new[] { 1, 1 })]
    [DataRow(new[] { int.MinValue }, new[] { 2 })]
    public void Roll_ShiftsAndDims_MatchesNaive(int[] shifts, int[] dims)
    {
        var x = Random(1, 3, 4, 5);
        AssertSame(NaiveRoll(x, shifts, dims), x.Roll(shifts, dims), "roll");
    }

    [TestMethod]
    public void Roll_NoDims_RollsFlattened()
    {
        var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        var y = x.Roll([2], []);
        CollectionAssert.AreEqual(new[] { 2, 3 }, y.ShapeArray);
        CollectionAssert.AreEqual(new float[] { 5, 6, 1, 2, 3, 4 }, y.ToArray());
    }

    [TestMethod]
    public void Roll_EmptyAndSizeOne_Unchanged()
    {
        CollectionAssert.AreEqual(new[] { 2, 0 }, Tensor.Zeros(2, 0).Roll([3], [1]).ShapeArray);
        var x = Random(2, 3, 1);
        AssertSame(x.ToArray(), x.Roll([5], [1]), "size-1 dim");
    }

    [TestMethod]
    public void Roll_MismatchedCounts_Throws()
    {
        var x = Tensor.Zeros(2, 3);
        var e = Assert.ThrowsExactly<ArgumentException>(() => x.Roll([1, 2], [0]));
        StringAssert.Contains(e.Message, "Roll");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Roll([1], [2]));
    }

    [TestMethod]
    public void Roll_GradCheck()
    {
        var x = Random(3, 3, 4, 2).RequiresGrad_();
        GradCheck.Check(t => t[0].Roll([1, -3], [1, 0]), [x], atol: 1e-3, rtol: 1e-3);
        GradCheck.Check(t => t[0].Roll([5], []), [x], atol: 1e-3, rtol: 1e-3);
    }
}
