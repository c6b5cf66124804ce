namespace MLVideo.Trainers.Backbones;

/// <summary>The 2-D per-frame backbones of the TSN family of video models.</summary>
public enum Backbone
{
    /// <summary>ResNet-18 (BasicBlock, depths 2-2-2-2, 512 features).</summary>
    ResNet18,

    /// <summary>ResNet-34 (BasicBlock, depths 3-4-6-3, 512 features).</summary>
    ResNet34,

    /// <summary>ResNet-50 (Bottleneck, depths 3-4-6-3, 2048 features).</summary>
    ResNet50,

    /// <summary>MobileNetV2 (inverted residuals, 1280 features).</summary>
    MobileNetV2,
}
