using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Training;

/// <summary>
/// A tiny 3-D convolutional classifier for loop tests: (N, T, C, H, W) -> conv1 (no bias) -> bn1 -> relu -> conv2 ->
/// relu -> global mean -> fc -> (N, classes). The 3-D kernels see motion, so the direction task is learnable; its
/// parameters cover every official group (first conv, conv weight and bias, batch norm, linear weight and bias).
/// </summary>
internal sealed class TinyMotionNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv3d conv1;
    private readonly BatchNorm3d bn1;
    private readonly Conv3d conv2;
    private readonly Linear fc;

    public TinyMotionNet(int channels, int classes, int width = 8) : base(nameof(TinyMotionNet))
    {
        conv1 = nn.Conv3d(channels, width, kernel_size: 3, padding: 1, bias: false);
        bn1 = nn.BatchNorm3d(width);
        conv2 = nn.Conv3d(width, width, kernel_size: 3, padding: 1);
        fc = nn.Linear(width, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = input.permute(0, 2, 1, 3, 4);           // (N, T, C, H, W) -> (N, C, T, H, W)
        x = nn.functional.relu(bn1.call(conv1.call(x)));
        x = nn.functional.relu(conv2.call(x));
        x = x.mean([2, 3, 4]);                           // (N, width)
        return fc.call(x);
    }

    /// <summary>A model with weights drawn from <paramref name="seed"/>.</summary>
    public static TinyMotionNet Create(int seed, int channels = MovingBlockClips.Channels, int classes = 2)
    {
        torch.manual_seed(seed);
        return new TinyMotionNet(channels, classes);
    }
}
