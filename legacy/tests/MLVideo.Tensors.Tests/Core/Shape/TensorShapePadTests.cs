using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;

namespace MLVideo.Tensors.Tests.Core.Shape;

/// <summary>Pad (Tensor.Shape.Pad.cs), constant mode.</summary>
[TestClass]
public sealed class TensorShapePadTests
{
    /// <summary>Each output element: the input element it maps to, or the pad value.</summary>
    private static float[] NaivePad(Tensor x, int[] pads, float value, out int[] outShape)
    {
        int[] shape = x.ShapeArray;
        int rank = shape.Length;
        var before = new int[rank];
        outShape = (int[])shape.Clone();
        for (int p = 0; p < pads.Length / 2; p++)
        {
            before[rank - 1 - p] = pads[2 * p];
            outShape[rank - 1 - p] += pads[2 * p] + pads[2 * p + 1];
        }
        int count = outShape.Aggregate(1, (a, b) => a * b);
        var result = new float[count];
        for (int j = 0; j < count; j++)
        {
            int[] o = Unravel(j, outShape);
            var i = new int[rank];
            bool inside = true;
            for (int d = 0; d < rank; d++)
            {
                i[d] = o[d] - before[d];
                inside &= i[d] >= 0 && i[d] < shape[d];
            }
            result[j] = inside ? x.Data[Ravel(i, shape)] : value;
        }
        return result;
    }

    [TestMethod]
    [DataRow(new[] { 1, 2 }, 0f)]
    [DataRow(new[] { 1, 2, 0, 3 }, 0f)]
    [DataRow(new[] { 2, 1, 1, 0, 1, 1 }, -1.5f)]
    [DataRow(new[] { -1, 2, 1, -2 }, 0f)]
    [DataRow(new[] { -2, -3, 0, 0, 0, 0 }, 7f)]
    [DataRow(new int[0], 0f)]
    public void Pad_SeveralDimsAndNegativePads_MatchesNaive(int[] pads, float value)
    {
        var x = Random(1, 2, 3, 5);
        var y = x.Pad(pads, value);
        float[] expected = NaivePad(x, pads, value, out int[] outShape);
        CollectionAssert.AreEqual(outShape, y.ShapeArray);
        AssertSame(expected, y, $"pad {string.Join(",", pads)}");
    }

    [TestMethod]
    public void Pad_FullyCropped_AllPadValue()
    {
        var x = Random(2, 2, 4);
        var y = x.Pad([-4, 2], 3f);
        CollectionAssert.AreEqual(new[] { 2, 2 }, y.ShapeArray);
        CollectionAssert.AreEqual(new float[] { 3, 3, 3, 3 }, y.ToArray());
    }

    [TestMethod]
    public void Pad_BadPads_Throw()
    {
        var x = Tensor.Zeros(2, 3);
        var e = Assert.ThrowsExactly<ArgumentException>(() => x.Pad([1, 1, 1]));
        StringAssert.Contains(e.Message, "Pad");
        Assert.ThrowsExactly<ArgumentException>(() => x.Pad([1, 1, 1, 1, 1, 1]));
        var s = Assert.ThrowsExactly<ShapeMismatchException>(() => x.Pad([-2, -2]));
        StringAssert.Contains(s.Message, "[2, 3]");
    }

    [TestMethod]
    public void Pad_GradCheck()
    {
        var x = Random(3, 2, 3, 4).RequiresGrad_();
        GradCheck.Check(t => t[0].Pad([1, 2, 2, 0, 0, 1], 0.5f), [x], atol: 1e-3, rtol: 1e-3);
        GradCheck.Check(t => t[0].Pad([-1, 1, 1, -2]), [x], atol: 1e-3, rtol: 1e-3);
    }
}
