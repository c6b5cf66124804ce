using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Bench.Plain;

/// <summary>
/// ResNet-18 written plainly in TorchSharp, torchvision's layout, for TSM and GSF: TorchVision's own resnet18 (used
/// for TSN) keeps its blocks private, so nothing can be inserted into their residual branches.
/// </summary>
public sealed class PlainResNet18 : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1, layer2, layer3, layer4;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Linear fc;

    /// <summary>Creates the network; frames (N*T, 3, H, W) in, logits (N*T, classes) out.</summary>
    public PlainResNet18(int classes, PlainTemporalMethod method, int segments) : base(nameof(PlainResNet18))
    {
        conv1 = nn.Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        maxpool = nn.MaxPool2d(3, stride: 2, padding: 1);
        layer1 = Stage(64, 64, 1, method, segments);
        layer2 = Stage(64, 128, 2, method, segments);
        layer3 = Stage(128, 256, 2, method, segments);
        layer4 = Stage(256, 512, 2, method, segments);
        avgpool = nn.AdaptiveAvgPool2d(1);
        fc = nn.Linear(512, classes);
        RegisterComponents();
    }

    /// <summary>Frames -> per-frame logits.</summary>
    public override Tensor forward(Tensor input)
    {
        var x = maxpool.call(bn1.call(conv1.call(input)).relu_());
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        return fc.call(avgpool.call(x).flatten(1));
    }

    private static Sequential Stage(int inPlanes, int planes, int stride, PlainTemporalMethod method, int segments) =>
        nn.Sequential(new PlainBasicBlock(inPlanes, planes, stride, method, segments), new PlainBasicBlock(planes, planes, 1, method, segments));
}
