using MLVideo.Tensors;
using MLVideo.Tensors.Kernels;
using MLVideo.Tensors.Tests.Fixtures;
using static MLVideo.Tensors.Tests.Core.Shape.ShapeReference;

namespace MLVideo.Tensors.Tests.Functional;

/// <summary>TSM's <see cref="MLVideo.Tensors.Functional.TemporalShift"/> (Functional.Video.cs).</summary>
[TestClass]
public sealed class FunctionalVideoTests
{
    [TestMethod]
    public void TemporalShift_Fixture_MatchesOfficialTsm()
    {
        // Official TemporalShift.shift, n_segment 8, fold_div 8, input (16, 16, 5, 5).
        var f = Fixture.Load("tsm_shift");
        var x = f.Get("in.x").RequiresGrad_();
        var y = MLVideo.Tensors.Functional.TemporalShift(x, 8, 8);
        f.AssertClose("out.y", y);
        y.Backward(f.Get("gout.y"));
        f.AssertClose("grad.in.x", x.Grad!);
    }

    [TestMethod]
    [DataRow(2, 8, 16, 5, 5, 8, DisplayName = "TSM default")]
    [DataRow(3, 4, 10, 2, 3, 8, DisplayName = "C not divisible by foldDiv (fold 1)")]
    [DataRow(2, 3, 6, 1, 1, 4, DisplayName = "1x1 plane")]
    [DataRow(1, 1, 8, 2, 2, 8, DisplayName = "one frame per clip: both shifted blocks zero")]
    [DataRow(2, 5, 4, 3, 3, 8, DisplayName = "fold 0: identity")]
    [DataRow(2, 4, 4, 2, 2, 2, DisplayName = "foldDiv 2: no unshifted channels")]
    [DataRow(0, 8, 16, 5, 5, 8, DisplayName = "no clips")]
    public void TemporalShift_Configurations_MatchNaiveReference(int clips, int segments, int channels, int h, int w, int foldDiv)
    {
        int[] shape = [clips * segments, channels, h, w];
        var x = Random(clips * 100 + channels, shape);
        var y = MLVideo.Tensors.Functional.TemporalShift(x, segments, foldDiv);
        CollectionAssert.AreEqual(shape, y.ShapeArray);
        AssertSame(TemporalShift(x.ToArray(), shape, segments, foldDiv), y, "temporal shift");
    }

    [TestMethod]
    public void TemporalShift_LargeInput_ParallelMatchesSerialAndReference()
    {
        // (N*T, C, H, W) of a ResNet-50 layer1 block at 56x56 would be large; 16 clips x 8 frames of 64 x 14 x 14
        // is enough for the frames to split across threads.
        int[] shape = [16 * 8, 64, 14, 14];
        var x = Random(77, shape);
        int saved = CpuParallel.MaxDegree;
        try
        {
            CpuParallel.MaxDegree = 1;
            var serial = MLVideo.Tensors.Functional.TemporalShift(x, 8).ToArray();
            CpuParallel.MaxDegree = 2;
            var parallel = MLVideo.Tensors.Functional.TemporalShift(x, 8);
            AssertSame(serial, parallel, "parallel vs serial");
            AssertSame(TemporalShift(x.ToArray(), shape, 8, 8), parallel, "reference");
        }
        finally
        {
            CpuParallel.MaxDegree = saved;
        }
    }

    [TestMethod]
    public void TemporalShift_DoesNotModifyInput()
    {
        var x = Random(3, 8, 8, 2, 2);
        float[] before = x.ToArray();
        _ = MLVideo.Tensors.Functional.TemporalShift(x, 4);
        CollectionAssert.AreEqual(before, x.ToArray());
    }

    [TestMethod]
    public void TemporalShift_GradCheck()
    {
        var x = Random(4, 2 * 4, 8, 2, 3).RequiresGrad_();
        GradCheck.Check(t => MLVideo.Tensors.Functional.TemporalShift(t[0], 4, 4), [x], atol: 1e-3, rtol: 1e-3, maxChecksPerInput: 384);
    }

    [TestMethod]
    public void TemporalShift_FramesNotDivisibleBySegments_ThrowsNamingShape()
    {
        var x = Tensor.Zeros(10, 8, 2, 2);
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => MLVideo.Tensors.Functional.TemporalShift(x, 8));
        StringAssert.Contains(e.Message, "TemporalShift");
        StringAssert.Contains(e.Message, "[10, 8, 2, 2]");
        StringAssert.Contains(e.Message, "numSegments = 8");
    }

    [TestMethod]
    public void TemporalShift_BadRankOrArguments_Throw()
    {
        var e = Assert.ThrowsExactly<ShapeMismatchException>(() => MLVideo.Tensors.Functional.TemporalShift(Tensor.Zeros(2, 8, 8, 2, 2), 2));
        StringAssert.Contains(e.Message, "[2, 8, 8, 2, 2]");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MLVideo.Tensors.Functional.TemporalShift(Tensor.Zeros(8, 8, 2, 2), 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => MLVideo.Tensors.Functional.TemporalShift(Tensor.Zeros(8, 8, 2, 2), 8, 0));
    }
}
