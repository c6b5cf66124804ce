using MLVideo.Tensors;
using MLVideo.Tensors.Tests.Fixtures;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;

namespace MLVideo.Tensors.Tests.Core.Shape;

/// <summary>Cat, Stack, Split and Chunk (Tensor.Shape.Join.cs).</summary>
[TestClass]
public sealed class TensorShapeJoinTests
{
    [TestMethod]
    public void Cat_Fixture_MatchesPyTorch()
    {
        var f = Fixture.Load("cat");
        var a = f.Get("in.a").RequiresGrad_();
        var b = f.Get("in.b").RequiresGrad_();
        var y = Tensor.Cat([a, b], 1);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.a", a.Grad!);
        f.AssertClose("grad.in.b", b.Grad!);
    }

    [TestMethod]
    public void Split_Fixture_MatchesPyTorch()
    {
        var f = Fixture.Load("split");
        var x = f.Get("in.x").RequiresGrad_();
        var parts = x.Split([3, 7], 1);
        Assert.AreEqual(2, parts.Length);
        f.AssertClose("out.part0", parts[0]);
        f.AssertClose("out.part1", parts[1]);
        // loss = sum(part0 * gout0) + sum(part1 * gout1): each part's node adds its contribution.
        parts[0].Backward(f.Get("gout.part0"));
        parts[1].Backward(f.Get("gout.part1"));
        f.AssertClose("grad.in.x", x.Grad!);
    }

    [TestMethod]
    public void Cat_NegativeDimAndEmptyPart_MatchesDefinition()
    {
        var a = Random(1, 2, 3);
        var empty = Tensor.Zeros(2, 0);
        var b = Random(2, 2, 1);
        var y = Tensor.Cat([a, empty, b], -1);
        CollectionAssert.AreEqual(new[] { 2, 4 }, y.ShapeArray);
        float[] expected = [a[0, 0], a[0, 1], a[0, 2], b[0, 0], a[1, 0], a[1, 1], a[1, 2], b[1, 0]];
        AssertSame(expected, y, "cat");
    }

    [TestMethod]
    public void Cat_NonCatDimsDiffer_ThrowsNamingShapes()
    {
        var a = Tensor.Zeros(2, 3, 4);
        var b = Tensor.Zeros(2, 5, 3);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => Tensor.Cat([a, b], 1));
        StringAssert.Contains(e.Message, "Cat");
        StringAssert.Contains(e.Message, "[2, 3, 4]");
        StringAssert.Contains(e.Message, "[2, 5, 3]");
        StringAssert.Contains(e.Message, "dim 1");
        Assert.ThrowsExactly<ShapeMismatchException>(() => Tensor.Cat([a, Tensor.Zeros(2, 3)], 0));
        Assert.ThrowsExactly<ShapeMismatchException>(() => Tensor.Cat([Tensor.Scalar(1f)], 0));
        Assert.ThrowsExactly<ArgumentException>(() => Tensor.Cat([], 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Tensor.Cat([a], 3));
    }

    [TestMethod]
    public void Cat_GradCheck_OnlyInputsThatRequireGrad()
    {
        var a = Random(3, 2, 2, 3).RequiresGrad_();
        var b = Random(4, 2, 1, 3);
        var c = Random(5, 2, 3, 3).RequiresGrad_();
        GradCheck.Check(t => Tensor.Cat(t, 1), [a, b, c], atol: 1e-3, rtol: 1e-3);
        Assert.IsNull(b.Grad);
    }

    [TestMethod]
    public void Cat_SameTensorTwice_GradientsAdd()
    {
        var x = Random(11, 2, 2).RequiresGrad_();
        GradCheck.Check(t => Tensor.Cat([t[0], t[0], t[0].Slice(0, 1, 2)], 0), [x], atol: 1e-3, rtol: 1e-3);
    }

    [TestMethod]
    public void CatSplit_UnderNoGrad_RecordNothing()
    {
        var x = Random(12, 4, 2).RequiresGrad_();
        using (Autograd.NoGrad())
        {
            Assert.IsNull(Tensor.Cat([x, x], 1).GradFn);
            Assert.IsTrue(x.Split(1, 0).All(p => p.GradFn is null));
            Assert.IsNull(x.Permute(1, 0).GradFn);
        }
    }

    [TestMethod]
    public void Stack_NewDim_MatchesDefinitionAndGradCheck()
    {
        var a = Random(6, 2, 3).RequiresGrad_();
        var b = Random(7, 2, 3).RequiresGrad_();
        var y = Tensor.Stack([a, b], -1);
        CollectionAssert.AreEqual(new[] { 2, 3, 2 }, y.ShapeArray);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
            {
                Assert.AreEqual(a[i, j], y[i, j, 0]);
                Assert.AreEqual(b[i, j], y[i, j, 1]);
            }
        CollectionAssert.AreEqual(new[] { 2, 2, 3 }, Tensor.Stack([a, b], 0).ShapeArray);
        GradCheck.Check(t => Tensor.Stack(t, 1), [a, b], atol: 1e-3, rtol: 1e-3);
    }

    [TestMethod]
    public void Stack_ShapesDiffer_Throws()
    {
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => Tensor.Stack([Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)]));
        StringAssert.Contains(e.Message, "Stack");
        StringAssert.Contains(e.Message, "[3, 2]");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Tensor.Stack([Tensor.Zeros(2)], 2));
    }

    [TestMethod]
    public void Split_BySize_LastPieceSmaller()
    {
        var x = Random(8, 7, 2);
        var parts = x.Split(3, 0);
        CollectionAssert.AreEqual(new[] { 3, 3, 1 }, parts.Select(p => p.Size(0)).ToArray());
        AssertSame(x.Slice(0, 6, 7).ToArray(), parts[2], "last part");
        Assert.AreEqual(1, x.Split(10, 0).Length);
    }

    [TestMethod]
    public void Split_SizeZeroDim_OneEmptyPiece_AndChunkGivesChunksEmptyPieces()
    {
        var x = Tensor.Zeros(2, 0, 3);
        var parts = x.Split(2, 1);
        Assert.AreEqual(1, parts.Length);
        CollectionAssert.AreEqual(new[] { 2, 0, 3 }, parts[0].ShapeArray);
        Assert.AreEqual(3, x.Chunk(3, 1).Length);
        CollectionAssert.AreEqual(new[] { 2, 0, 3 }, x.Split([0, 0], 1)[1].ShapeArray);
    }

    [TestMethod]
    public void Split_Errors_NameOpAndShape()
    {
        var x = Tensor.Zeros(2, 10, 3);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => x.Split([3, 6], 1));
        StringAssert.Contains(e.Message, "Split");
        StringAssert.Contains(e.Message, "[2, 10, 3]");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Split(0, 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Split([11, -1], 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Chunk(0, 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => x.Split(2, -4));
    }

    [TestMethod]
    public void Chunk_UnevenSize_PyTorchPieceSizes()
    {
        var x = Random(9, 5, 2);
        // ceil(5 / 4) = 2 per chunk, so PyTorch returns 3 chunks, not 4.
        CollectionAssert.AreEqual(new[] { 2, 2, 1 }, x.Chunk(4, 0).Select(p => p.Size(0)).ToArray());
        CollectionAssert.AreEqual(new[] { 1, 1, 1, 1, 1 }, x.Chunk(5, -2).Select(p => p.Size(0)).ToArray());
        var parts = x.Chunk(2, 1);
        AssertSame(x.Select(1, 1).ToArray(), parts[1].Squeeze(1), "chunk along dim 1");
    }

    [TestMethod]
    public void Split_GradCheck_EachPartGivesOnlyItsContribution()
    {
        var x = Random(10, 3, 5, 2).RequiresGrad_();
        GradCheck.Check(t => t[0].Split([1, 3, 1], 1)[1], [x], atol: 1e-3, rtol: 1e-3);
        GradCheck.Check(t => t[0].Chunk(2, -1)[0], [x], atol: 1e-3, rtol: 1e-3);
        // All parts used (in another order): the engine adds the per-part contributions.
        GradCheck.Check(t =>
        {
            var p = t[0].Split(2, 1);
            return Tensor.Cat([p[2], p[0], p[1]], 1);
        }, [x], atol: 1e-3, rtol: 1e-3);
    }
}
