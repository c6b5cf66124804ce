using TorchSharp;

namespace MLVideo.Trainers.Tests;

/// <summary>The native runtime loads on this machine (the GLIBCXX fix of build/LibTorchSharpGlibcxxFix.targets).</summary>
[TestClass]
public sealed class TorchSharpLoadsTests
{
    [TestMethod]
    public void Torch_Version_IsLibTorch210()
    {
        StringAssert.StartsWith(torch.__version__, "2.10", $"libtorch version {torch.__version__}");
        using var x = torch.ones(2, 3);
        Assert.AreEqual(6f, x.sum().item<float>());
    }
}
