namespace MLVideo.Tensors.Nn;

/// <summary>A state-dict key present on both sides whose shapes differ.</summary>
/// <param name="Key">The state-dict key, e.g. <c>fc.weight</c>.</param>
/// <param name="ModuleShape">The shape the module's tensor has.</param>
/// <param name="LoadedShape">The shape of the tensor that was offered.</param>
public sealed record MisShapedKey(string Key, int[] ModuleShape, int[] LoadedShape)
{
    /// <summary>E.g. <c>fc.weight: module [400, 512], loaded [101, 512]</c>.</summary>
    public override string ToString() => $"{Key}: module {ShapeHelper.Format(ModuleShape)}, loaded {ShapeHelper.Format(LoadedShape)}";
}
