using MLVideo.Transforms.Decoding;

namespace MLVideo.Transforms.Tests.Decoding;

[TestClass]
public sealed class FrameFolderDecoderTests
{
    [TestMethod]
    public void ToImagePattern_Templates_ConvertsPlaceholderAndEscapesPercent()
    {
        Assert.AreEqual("img_%05d.jpg", FrameFolderDecoder.ToImagePattern("img_{0:D5}.jpg"));
        Assert.AreEqual("50%%_%d.png", FrameFolderDecoder.ToImagePattern("50%_{0}.png"));
        Assert.ThrowsExactly<ArgumentException>(() => FrameFolderDecoder.ToImagePattern("img.jpg"));
    }
}
