using MLVideo.Tensors;

namespace MLVideo.Tensors.Tests.Core;

[TestClass]
public sealed class TensorTests
{
    [TestMethod]
    public void Reshape_InfersMinusOne_AndSharesStorage()
    {
        var t = Tensor.Arange(12);
        var r = t.Reshape(3, -1);
        CollectionAssert.AreEqual(new[] { 3, 4 }, r.ShapeArray);
        r.Data[5] = 100f;
        Assert.AreEqual(100f, t.Data[5]);
    }

    [TestMethod]
    public void Reshape_WrongCount_ThrowsNamingShapes()
    {
        var t = Tensor.Zeros(2, 3);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => t.Reshape(4, 2));
        StringAssert.Contains(e.Message, "[4, 2]");
        StringAssert.Contains(e.Message, "[2, 3]");
    }

    [TestMethod]
    public void Backward_ThroughReshape_GivesGradOfInputShape()
    {
        var x = Tensor.Arange(6).RequiresGrad_();
        var y = x.Reshape(2, 3);
        var g = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        y.Backward(g);
        CollectionAssert.AreEqual(new[] { 6 }, x.Grad!.ShapeArray);
        CollectionAssert.AreEqual(new float[] { 1, 2, 3, 4, 5, 6 }, x.Grad.ToArray());
    }

    [TestMethod]
    public void Backward_Twice_AccumulatesWhenRetained_AndThrowsWhenNot()
    {
        var x = Tensor.Arange(4).RequiresGrad_();
        var y = x.Clone();
        y.Backward(Tensor.Ones(4), retainGraph: true);
        y.Backward(Tensor.Ones(4));
        CollectionAssert.AreEqual(new float[] { 2, 2, 2, 2 }, x.Grad!.ToArray());
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => y.Backward(Tensor.Ones(4)));
        StringAssert.Contains(e.Message, "second time");
    }

    [TestMethod]
    public void Backward_NonScalarWithoutGradient_Throws()
    {
        var x = Tensor.Arange(4).RequiresGrad_();
        var y = x.Clone();
        Assert.ThrowsExactly<InvalidOperationException>(() => y.Backward());
    }

    [TestMethod]
    public void NoGrad_RecordsNothing()
    {
        var x = Tensor.Arange(4).RequiresGrad_();
        Tensor y;
        using (Autograd.NoGrad()) y = x.Reshape(2, 2);
        Assert.IsNull(y.GradFn);
        Assert.IsFalse(y.RequiresGrad);
    }

    [TestMethod]
    public void Scope_DisposesTensorsCreatedInside_ExceptMovedOut()
    {
        Tensor inner, kept;
        using (TensorScope.Begin())
        {
            inner = Tensor.Zeros(3);
            kept = Tensor.Zeros(3).MoveToOuterScope();
        }
        Assert.IsTrue(inner.IsDisposed);
        Assert.IsFalse(kept.IsDisposed);
        Assert.ThrowsExactly<ObjectDisposedException>(() => inner.Data.ToArray());
    }

    [TestMethod]
    public void Generator_SameSeed_SameSequence()
    {
        var a = Tensor.Randn([100], new Generator(42));
        var b = Tensor.Randn([100], new Generator(42));
        var c = Tensor.Randn([100], new Generator(43));
        CollectionAssert.AreEqual(a.ToArray(), b.ToArray());
        CollectionAssert.AreNotEqual(a.ToArray(), c.ToArray());
        double mean = a.ToArray().Average();
        Assert.IsTrue(Math.Abs(mean) < 0.3, $"mean {mean}");
    }
}
