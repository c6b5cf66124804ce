using MLVideo.Tensors;
using MLVideo.Tensors.Nn;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// torchvision's constructor-time initialisation, applied once after a backbone is built (the loop at the end of
/// <c>ResNet.__init__</c>, <c>MobileNetV2.__init__</c> and <c>VideoResNet.__init__</c>).
/// </summary>
internal static class TorchvisionInit
{
    /// <summary>
    /// Every conv: Kaiming-normal, fan-out, ReLU gain, bias 0. Every batch norm: weight 1, bias 0. Linear layers
    /// are left alone (ResNet keeps PyTorch's default Linear init) unless <paramref name="linearStd"/> is given
    /// (MobileNetV2 and the video ResNets use N(0, 0.01) weights and zero bias).
    /// </summary>
    public static void Apply(Module root, Generator? generator, double? linearStd = null)
    {
        foreach (var module in root.Modules())
        {
            switch (module)
            {
                case Convolution conv:
                    Init.KaimingNormal(conv.Weight, mode: FanMode.FanOut, nonlinearity: Nonlinearity.Relu, generator: generator);
                    if (conv.Bias is not null) Init.Zeros(conv.Bias);
                    break;
                case BatchNorm bn:
                    if (bn.Weight is not null) Init.Ones(bn.Weight);
                    if (bn.Bias is not null) Init.Zeros(bn.Bias);
                    break;
                case Linear linear when linearStd is double std:
                    Init.Normal(linear.Weight, 0, std, generator);
                    if (linear.Bias is not null) Init.Zeros(linear.Bias);
                    break;
            }
        }
    }
}
