namespace MLVideo.Trainers.Backbones;

/// <summary>
/// A ResNet as data: the block kind and the number of blocks in each of the four stages. ResNet-18 and ResNet-50
/// differ only in these two values (torchvision's <c>resnet18</c> / <c>resnet50</c> factories).
/// </summary>
/// <param name="Block">Block of every stage.</param>
/// <param name="Depths">Blocks per stage (<c>layer1</c>..<c>layer4</c>).</param>
public sealed record ResNetVariant(ResNetBlockKind Block, IReadOnlyList<int> Depths)
{
    /// <summary>ResNet-18: BasicBlock, 2-2-2-2.</summary>
    public static ResNetVariant ResNet18 { get; } = new(ResNetBlockKind.Basic, [2, 2, 2, 2]);

    /// <summary>ResNet-34: BasicBlock, 3-4-6-3.</summary>
    public static ResNetVariant ResNet34 { get; } = new(ResNetBlockKind.Basic, [3, 4, 6, 3]);

    /// <summary>ResNet-50: Bottleneck, 3-4-6-3.</summary>
    public static ResNetVariant ResNet50 { get; } = new(ResNetBlockKind.Bottleneck, [3, 4, 6, 3]);

    /// <summary>Output channels per unit of a block's <c>planes</c>.</summary>
    public int Expansion => Block == ResNetBlockKind.Bottleneck ? 4 : 1;

    /// <summary>Throws unless there are four positive stage depths.</summary>
    internal void Check()
    {
        if (!Enum.IsDefined(Block)) throw new ArgumentOutOfRangeException(nameof(Block), Block, "ResNetVariant: unknown block kind.");
        if (Depths is null || Depths.Count != 4 || Depths.Any(d => d <= 0))
            throw new ArgumentException($"ResNetVariant: expected four positive stage depths, got [{string.Join(", ", Depths ?? [])}].", nameof(Depths));
    }
}
