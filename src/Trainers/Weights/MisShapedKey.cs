namespace MLVideo.Trainers.Weights;

/// <summary>A state-dict key present on both sides with different shapes.</summary>
/// <param name="Key">The model's key.</param>
/// <param name="ModelShape">The shape the model has.</param>
/// <param name="FileShape">The shape the file has.</param>
public sealed record MisShapedKey(string Key, long[] ModelShape, long[] FileShape)
{
    /// <summary>"key: model [a, b], file [c, d]".</summary>
    public override string ToString() => $"{Key}: model [{string.Join(", ", ModelShape)}], file [{string.Join(", ", FileShape)}]";
}
