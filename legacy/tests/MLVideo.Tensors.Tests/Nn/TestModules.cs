using MLVideo.Tensors.Nn;

namespace MLVideo.Tensors.Tests.Nn;

/// <summary>Small models shaped like torchvision's, used by the Module tests.</summary>
internal sealed class TinyBlock : Module
{
    public TinyBlock(int channels, bool downsample, Generator g)
    {
        Conv1 = RegisterModule("conv1", new Conv2d(channels, channels, 3, padding: 1, bias: false, generator: g));
        Bn1 = RegisterModule("bn1", new BatchNorm2d(channels));
        Relu = RegisterModule("relu", new ReLU());
        if (downsample)
            Downsample = RegisterModule("downsample", new Sequential(new Conv2d(channels, channels, 1, bias: false, generator: g), new BatchNorm2d(channels)));
    }

    public Conv2d Conv1 { get; }
    public BatchNorm2d Bn1 { get; }
    public ReLU Relu { get; }
    public Sequential? Downsample { get; }
}

/// <summary>stem conv + bn, a Sequential "layer1" of two blocks, and a Linear "fc".</summary>
internal sealed class TinyNet : Module
{
    public TinyNet(int seed = 1, int classes = 5)
    {
        var g = new Generator((ulong)seed);
        Conv1 = RegisterModule("conv1", new Conv2d(3, 4, 3, stride: 2, padding: 1, bias: false, generator: g));
        Bn1 = RegisterModule("bn1", new BatchNorm2d(4));
        Layer1 = RegisterModule("layer1", new Sequential(new TinyBlock(4, true, g), new TinyBlock(4, false, g)));
        Fc = RegisterModule("fc", new Linear(4, classes, generator: g));
    }

    public Conv2d Conv1 { get; }
    public BatchNorm2d Bn1 { get; }
    public Sequential Layer1 { get; }
    public Linear Fc { get; }
}

/// <summary>A module exposing the protected registration methods to tests.</summary>
internal sealed class OpenModule : Module
{
    public Tensor AddParameter(string name, Tensor t, bool requiresGrad = true) => RegisterParameter(name, t, requiresGrad);
    public Tensor AddBuffer(string name, Tensor t, bool persistent = true) => RegisterBuffer(name, t, persistent);
    public T AddModule<T>(string name, T m) where T : Module => RegisterModule(name, m);
}
