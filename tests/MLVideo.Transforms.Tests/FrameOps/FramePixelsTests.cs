using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.FrameOps;

namespace MLVideo.Transforms.Tests.FrameOps;

[TestClass]
public sealed class FramePixelsTests
{
    private static FrameStack Random(int w, int h, int frames, int seed)
    {
        var s = FrameStack.Allocate(w, h, frames);
        new Random(seed).NextBytes(s.Pixels);
        return s;
    }

    [TestMethod]
    public void Extract_TCHW_MatchesNaiveFormula()
    {
        FrameStack s = Random(5, 3, 4, 1);
        var norm = FrameNormalization.ImageNet;
        var (values, shape) = FramePixels.Extract(s, 2, PixelLayout.TCHW, norm);
        CollectionAssert.AreEqual(new[] { 2, 2, 3, 3, 5 }, shape);
        for (int v = 0; v < 2; v++)
            for (int t = 0; t < 2; t++)
                for (int c = 0; c < 3; c++)
                    for (int y = 0; y < 3; y++)
                        for (int x = 0; x < 5; x++)
                        {
                            float expected = (s.Frame(v * 2 + t)[(y * 5 + x) * 3 + c] - norm.Mean[c]) / norm.Std[c];
                            float actual = values[(((v * 2 + t) * 3 + c) * 3 + y) * 5 + x];
                            Assert.AreEqual(expected, actual, 1e-5f, $"v{v} t{t} c{c} y{y} x{x}");
                        }
    }

    [TestMethod]
    public void Extract_CTHW_IsTransposeOfTCHW()
    {
        FrameStack s = Random(4, 2, 6, 2);
        var (tchw, _) = FramePixels.Extract(s, 3, PixelLayout.TCHW, FrameNormalization.Kinetics);
        var (cthw, shape) = FramePixels.Extract(s, 3, PixelLayout.CTHW, FrameNormalization.Kinetics);
        CollectionAssert.AreEqual(new[] { 2, 3, 3, 2, 4 }, shape);
        for (int v = 0; v < 2; v++)
            for (int t = 0; t < 3; t++)
                for (int c = 0; c < 3; c++)
                    for (int i = 0; i < 8; i++)
                        Assert.AreEqual(tchw[((v * 3 + t) * 3 + c) * 8 + i], cthw[((v * 3 + c) * 3 + t) * 8 + i]);
    }

    [TestMethod]
    public void Presets_HaveDocumentedValues()
    {
        Assert.AreEqual(123.675f, FrameNormalization.ImageNet.Mean[0]);
        Assert.AreEqual(57.375f, FrameNormalization.ImageNet.Std[2]);
        Assert.AreEqual(0.43216f * 255f, FrameNormalization.Kinetics.Mean[0], 1e-4f);
        Assert.AreEqual(FrameNormalization.Kinetics, FrameNormalization.FromName("kinetics"));
        Assert.ThrowsExactly<ArgumentException>(() => FrameNormalization.FromName("nope"));
    }

    [TestMethod]
    public void Extract_FramesNotDivisibleIntoViews_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => FramePixels.Extract(FrameStack.Allocate(2, 2, 5), 2, PixelLayout.TCHW, FrameNormalization.ImageNet));
    }
}
