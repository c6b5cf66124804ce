using MLVideo.Trainers.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// The initialisation loops at the end of torchvision's constructors (<c>ResNet.__init__</c>, <c>MobileNetV2.__init__</c>,
/// <c>VideoResNet.__init__</c>) and PyTorch's default layer init, written against an explicit generator so that a
/// model is fully determined by its seed.
/// </summary>
internal static class TorchvisionInit
{
    /// <summary>Kaiming-normal, fan-out, ReLU gain (He et al., ICCV 2015): N(0, 2 / fan_out). Bias, if any, 0.</summary>
    public static void KaimingNormalFanOut(Tensor weight, Tensor? bias, Generator? generator)
    {
        long fanOut = weight.shape[0];
        for (int d = 2; d < weight.dim(); d++) fanOut *= weight.shape[d];
        using var noGrad = torch.no_grad();
        weight.normal_(0, Math.Sqrt(2.0 / fanOut), generator);
        if (bias is not null) nn.init.zeros_(bias);
    }

    /// <summary>BatchNorm gamma 1 and beta 0.</summary>
    public static void UnitNorm(NormBase bn)
    {
        using var noGrad = torch.no_grad();
        if (bn.weight is not null) nn.init.ones_(bn.weight);
        if (bn.bias is not null) nn.init.zeros_(bn.bias);
    }

    /// <summary>N(0, std) weight and zero bias (torchvision's classifier init of MobileNetV2 and the video ResNets).</summary>
    public static void NormalLinear(Linear linear, double std, Generator? generator)
    {
        using var noGrad = torch.no_grad();
        linear.weight.normal_(0, std, generator);
        if (linear.bias is not null) nn.init.zeros_(linear.bias);
    }

    /// <summary>
    /// PyTorch's default init of a conv or linear layer (kaiming-uniform with a = sqrt(5), i.e. U(-1/sqrt(fan_in),
    /// 1/sqrt(fan_in)) for the weight, and the same bound for the bias).
    /// </summary>
    public static void PyTorchDefault(Tensor weight, Tensor? bias, Generator? generator)
    {
        long fanIn = weight.shape[1];
        for (int d = 2; d < weight.dim(); d++) fanIn *= weight.shape[d];
        double bound = 1.0 / Math.Sqrt(fanIn);
        using var noGrad = torch.no_grad();
        weight.uniform_(-bound, bound, generator);
        bias?.uniform_(-bound, bound, generator);
    }

    /// <summary>
    /// torchvision's 2-D loop: every <c>Conv2d</c> Kaiming fan-out, every 2-D batch norm 1/0. Modules of other kinds
    /// (GSF's 3-D gate conv and its BatchNorm3d) keep their own init, as in the official GSF ResNet whose loop tests
    /// for <c>nn.Conv2d</c> and <c>nn.BatchNorm2d</c> only. Linear layers get <paramref name="linearStd"/> if given.
    /// </summary>
    public static void Apply2d(nn.Module root, Generator? generator, double? linearStd = null)
    {
        foreach (var module in root.modules())
        {
            switch (module)
            {
                case Conv2d conv: KaimingNormalFanOut(conv.weight, conv.bias, generator); break;
                case RaceFreeBatchNorm { SpatialDimensions: 2 } bn: UnitNorm(bn); break;
                case Linear linear: InitLinear(linear, generator, linearStd); break;
            }
        }
    }

    /// <summary>torchvision's video loop: every <c>Conv3d</c> Kaiming fan-out, every BatchNorm3d 1/0, linear N(0, 0.01).</summary>
    public static void Apply3d(nn.Module root, Generator? generator)
    {
        foreach (var module in root.modules())
        {
            switch (module)
            {
                case Conv3d conv: KaimingNormalFanOut(conv.weight, conv.bias, generator); break;
                case RaceFreeBatchNorm { SpatialDimensions: 3 } bn: UnitNorm(bn); break;
                case Linear linear: NormalLinear(linear, 0.01, generator); break;
            }
        }
    }

    private static void InitLinear(Linear linear, Generator? generator, double? std)
    {
        if (std is double s) NormalLinear(linear, s, generator);
        else PyTorchDefault(linear.weight, linear.bias, generator);
    }
}
