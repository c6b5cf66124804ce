using System.Text.Json;
using MLVideo.Transforms.Decoding;
using MLVideo.Transforms.FrameOps;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.FrameOps;

[TestClass]
public sealed class FrameResizeTests
{
    [TestMethod]
    public void Bilinear_MatchesTorchInterpolateReference()
    {
        // Reference from TestData/frameops/make_resize_reference.py (torch bilinear, align_corners=False).
        // Tolerance 1 level: float32 accumulation here vs float64 there can flip a value sitting on x.5.
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestVideos.TestData, "frameops", "resize_reference.json")));
        int cases = 0;
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            int h = c.GetProperty("h").GetInt32(), w = c.GetProperty("w").GetInt32(), oh = c.GetProperty("oh").GetInt32(), ow = c.GetProperty("ow").GetInt32();
            byte[] input = c.GetProperty("input").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();
            byte[] expected = c.GetProperty("output").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();
            var stack = new FrameStack(input, w, h, 1);
            FrameStack resized = FrameResize.Bilinear(stack, new FrameSize(ow, oh));
            Assert.AreEqual(ow, resized.Width);
            Assert.AreEqual(oh, resized.Height);
            ReadOnlySpan<byte> actual = resized.Frame(0);
            int maxDiff = 0;
            for (int i = 0; i < expected.Length; i++) maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - expected[i]));
            Assert.IsTrue(maxDiff <= 1, $"{w}x{h} -> {ow}x{oh}: max difference {maxDiff}");
            cases++;
        }
        Assert.AreEqual(4, cases);
    }

    [TestMethod]
    public void Bilinear_ConstantImage_StaysConstant()
    {
        var stack = FrameStack.Allocate(9, 7, 2);
        stack.Pixels.AsSpan().Fill(77);
        FrameStack resized = FrameResize.Bilinear(stack, new FrameSize(4, 13));
        Assert.AreEqual(2, resized.Count);
        Assert.IsTrue(resized.Pixels.All(p => p == 77));
    }

    [TestMethod]
    public void ShortSide_KeepsAspectRatio()
    {
        Assert.AreEqual(new FrameSize(170, 128), new FrameSize(340, 256).WithShortSide(128));
        Assert.AreEqual(new FrameSize(128, 227), new FrameSize(320, 568).WithShortSide(128));
        Assert.AreEqual(new FrameSize(171, 128), new FrameSize(320, 240).WithShortSide(128)); // 170.67 -> 171
        FrameStack r = FrameResize.ShortSide(FrameStack.Allocate(320, 240, 1), 112);
        Assert.AreEqual(new FrameSize(149, 112), r.Size);
    }

    [TestMethod]
    public void Bilinear_InvalidSize_Throws()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => FrameResize.Bilinear(FrameStack.Allocate(4, 4, 1), new FrameSize(0, 3)));
    }
}
