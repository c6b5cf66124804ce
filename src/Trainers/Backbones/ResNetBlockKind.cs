namespace MLVideo.Trainers.Backbones;

/// <summary>The residual block a ResNet stage is made of (He et al., CVPR 2016, Fig. 5).</summary>
public enum ResNetBlockKind
{
    /// <summary>Two 3x3 convs, expansion 1 (ResNet-18/34, R3D-18).</summary>
    Basic,

    /// <summary>1x1 reduce, 3x3, 1x1 expand x4 (ResNet-50, R3D-50).</summary>
    Bottleneck,
}
