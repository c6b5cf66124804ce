using MLVideo.Trainers.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Native;

/// <summary>Our batch norm against TorchSharp's, which it replaces: same keys, outputs and running statistics.</summary>
[TestClass]
public sealed class RaceFreeBatchNormTests
{
    [TestMethod]
    public void Forward_TwoD_MatchesTorchSharpBatchNorm2d() =>
        Check(RaceFreeBatchNorm.TwoD(6), nn.BatchNorm2d(6), [4, 6, 5, 5]);

    [TestMethod]
    public void Forward_ThreeD_MatchesTorchSharpBatchNorm3d() =>
        Check(RaceFreeBatchNorm.ThreeD(6), nn.BatchNorm3d(6), [2, 6, 3, 5, 5]);

    [TestMethod]
    public void Forward_WrongRank_SaysWhatItExpected()
    {
        using var bn = RaceFreeBatchNorm.TwoD(3);
        using var input = zeros(2, 3, 4);
        var e = Assert.ThrowsExactly<ArgumentException>(() => bn.call(input));
        StringAssert.Contains(e.Message, "expected 4D input, but got 3D input");
    }

    private static void Check(nn.Module<Tensor, Tensor> ours, nn.Module<Tensor, Tensor> theirs, long[] shape)
    {
        using (ours)
        using (theirs)
        {
            using var scope = NewDisposeScope();
            CollectionAssert.AreEqual(theirs.state_dict().Keys.ToArray(), ours.state_dict().Keys.ToArray());
            var generator = new Generator(11);
            ours.train();
            theirs.train();
            for (int i = 0; i < 3; i++)
            {
                var input = randn(shape, generator: generator);
                Assert.IsTrue(theirs.call(input).Equals(ours.call(input)), $"training output {i}");
            }
            foreach (var (key, value) in theirs.state_dict())
                Assert.IsTrue(value.Equals(ours.state_dict()[key]), key);
            Assert.AreEqual(3L, ours.state_dict()["num_batches_tracked"].item<long>());
            ours.eval();
            theirs.eval();
            var test = randn(shape, generator: generator);
            Assert.IsTrue(theirs.call(test).Equals(ours.call(test)), "eval output");
        }
    }
}
