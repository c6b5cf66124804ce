namespace MLVideo.Trainers.Backbones;

/// <summary>The ResNet variants (block kind and depth table).</summary>
public enum ResNetDepth
{
    /// <summary>BasicBlock, 2-2-2-2.</summary>
    ResNet18,

    /// <summary>BasicBlock, 3-4-6-3.</summary>
    ResNet34,

    /// <summary>Bottleneck, 3-4-6-3.</summary>
    ResNet50,
}
