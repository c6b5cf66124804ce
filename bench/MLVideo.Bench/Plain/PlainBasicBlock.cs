using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Bench.Plain;

/// <summary>torchvision's ResNet basic block written plainly (in-place relu and add, as torchvision), with TSM's shift or a GSF unit.</summary>
public sealed class PlainBasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly int segments;
    private readonly bool shift;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly PlainGsfUnit? gsf;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    /// <summary>Creates the block.</summary>
    public PlainBasicBlock(int inPlanes, int planes, int stride, PlainTemporalMethod method, int segments) : base(nameof(PlainBasicBlock))
    {
        this.segments = segments;
        shift = method == PlainTemporalMethod.Shift;
        conv1 = nn.Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = nn.Conv2d(planes, planes, 3, padding: 1, bias: false);
        if (method == PlainTemporalMethod.Gsf) gsf = new PlainGsfUnit(planes, segments);
        bn2 = nn.BatchNorm2d(planes);
        if (stride != 1 || inPlanes != planes)
            downsample = nn.Sequential(nn.Conv2d(inPlanes, planes, 1, stride: stride, bias: false), nn.BatchNorm2d(planes));
        RegisterComponents();
    }

    /// <summary>relu(bn2(gsf(conv2(relu(bn1(conv1(shift(x))))))) + shortcut(x)).</summary>
    public override Tensor forward(Tensor input)
    {
        var x = conv1.call(shift ? PlainTemporalShift.Apply(input, segments) : input);
        x = bn1.call(x).relu_();
        x = conv2.call(x);
        if (gsf is not null) x = gsf.call(x);
        x = bn2.call(x);
        var identity = downsample is null ? input : downsample.call(input);
        return x.add_(identity).relu_();
    }
}
