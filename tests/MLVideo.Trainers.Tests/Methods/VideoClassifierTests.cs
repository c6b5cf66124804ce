using MLVideo.Trainers.Backbones;
using MLVideo.Trainers.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Methods;

[TestClass]
public sealed class VideoClassifierTests
{
    [TestMethod]
    public void Forward_Tsn_IsMeanOfPerFrameLogits()
    {
        using var scope = torch.NewDisposeScope();
        var spec = new VideoModelSpec { Backbone = VideoBackbone.ResNet18, WidthMultiplier = 0.25, NumSegments = 3, NumClasses = 4, DropoutRatio = 0.5 };
        var backbone = ResNet.ResNet18(numClasses: null, widthMultiplier: 0.25, generator: new Generator(1));
        using var model = new VideoClassifier(spec, backbone, new Generator(2));
        model.eval();
        var clips = torch.randn([2, 3, 3, 32, 32]);
        var logits = model.call(clips);
        var frames = clips.reshape(6, 3, 32, 32);
        var expected = model.Classifier.call(backbone.ExtractFeatures(frames)).view(2, 3, 4).mean([1]);
        Assert.IsTrue(logits.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [TestMethod]
    public void Forward_3d_PermutesClipsToChannelsFirst()
    {
        using var scope = torch.NewDisposeScope();
        var spec = new VideoModelSpec { Backbone = VideoBackbone.R3d18, WidthMultiplier = 0.25, NumSegments = 4, NumClasses = 2 };
        var backbone = VideoResNet.R3d18(numClasses: null, widthMultiplier: 0.25, generator: new Generator(1));
        using var model = new VideoClassifier(spec, backbone, new Generator(2));
        model.eval();
        var clips = torch.randn([1, 6, 3, 16, 16]);   // a 3-D model accepts any T
        var expected = model.Classifier.call(backbone.ExtractFeatures(clips.permute(0, 2, 1, 3, 4)));
        Assert.IsTrue(model.call(clips).allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [TestMethod]
    public void Forward_WrongSegmentCount_ThrowsNamingShapes()
    {
        var spec = new VideoModelSpec { Method = VideoMethod.Tsm, Backbone = VideoBackbone.ResNet18, WidthMultiplier = 0.25, NumSegments = 8, NumClasses = 2 };
        using var model = VideoModelFactory.Create(spec, torch.CPU);
        using var clips = torch.zeros([1, 4, 3, 32, 32]);
        var e = Assert.ThrowsExactly<ArgumentException>(() => model.call(clips));
        StringAssert.Contains(e.Message, "(N, 8, 3, H, W)");
        StringAssert.Contains(e.Message, "(1, 4, 3, 32, 32)");
    }

    [TestMethod]
    public void Train_SwitchesEveryBatchNormAndDropout()
    {
        var spec = new VideoModelSpec { Method = VideoMethod.Gsf, Backbone = VideoBackbone.ResNet18, WidthMultiplier = 0.25, NumClasses = 2 };
        using var model = VideoModelFactory.Create(spec, torch.CPU);
        model.eval();
        Assert.IsTrue(model.modules().All(m => !m.training));
        model.train();
        Assert.IsTrue(model.modules().All(m => m.training));
    }

    [TestMethod]
    public void Backward_TrainingStep_GivesEveryParameterAGradient()
    {
        var spec = new VideoModelSpec { Method = VideoMethod.Gsf, Backbone = VideoBackbone.ResNet50, WidthMultiplier = 0.25, NumSegments = 4, NumClasses = 3 };
        using var model = VideoModelFactory.Create(spec, torch.CPU, new Generator(4));
        using var scope = torch.NewDisposeScope();
        model.train();
        var loss = nn.functional.cross_entropy(model.call(torch.randn([2, 4, 3, 32, 32])), torch.tensor(new long[] { 0, 2 }));
        loss.backward();
        foreach (var (name, p) in model.named_parameters())
            Assert.IsNotNull(p.grad, $"no gradient for {name}");
    }
}
