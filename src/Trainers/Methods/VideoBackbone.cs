using MLVideo.Trainers.Methods;

namespace MLVideo;

/// <summary>The backbones a video model can be built on.</summary>
public enum VideoBackbone
{
    /// <summary>2-D ResNet-18 (BasicBlock 2-2-2-2, 512 features), run on every frame.</summary>
    ResNet18,

    /// <summary>2-D ResNet-34 (BasicBlock 3-4-6-3, 512 features), run on every frame.</summary>
    ResNet34,

    /// <summary>2-D ResNet-50 (Bottleneck 3-4-6-3, 2048 features), run on every frame.</summary>
    ResNet50,

    /// <summary>2-D MobileNetV2 (1280 features), run on every frame.</summary>
    MobileNetV2,

    /// <summary>3-D ResNet-18 in torchvision's <c>r3d_18</c> layout (512 features), run on the whole clip.</summary>
    R3d18,

    /// <summary>3-D ResNet-50 of R3D bottlenecks in the same layout (2048 features), run on the whole clip.</summary>
    R3d50,
}
