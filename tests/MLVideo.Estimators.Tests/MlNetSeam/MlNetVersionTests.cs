using MLVideo.MlNetSeam;

namespace MLVideo.Estimators.Tests.MlNetSeam;

[TestClass]
public sealed class MlNetVersionTests
{
    [TestMethod]
    public void Loaded_IsThePinnedVersion()
    {
        // Fails when the Microsoft.ML package moves: the seam reaches internals of exactly one build.
        Assert.AreEqual(MlNetVersion.Pinned, MlNetVersion.Loaded,
            "Microsoft.ML changed version: re-check the seam (src/Estimators/MlNetSeam/README.md) before moving the pin.");
        MlNetVersion.EnsureSupported();
    }

    [TestMethod]
    public void EnsureSupported_OtherVersion_ThrowsNamingBoth()
    {
        var e = Assert.ThrowsExactly<NotSupportedException>(() => MlNetVersion.EnsureSupported("7.0.0"));
        StringAssert.Contains(e.Message, "6.0.0");
        StringAssert.Contains(e.Message, "7.0.0");
    }
}
