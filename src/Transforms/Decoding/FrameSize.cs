namespace MLVideo.Transforms.Decoding;

/// <summary>A frame size in pixels (width x height).</summary>
public readonly record struct FrameSize(int Width, int Height)
{
    /// <summary>Throws unless both sides are positive.</summary>
    public FrameSize Validate(string what)
    {
        if (Width <= 0 || Height <= 0) throw new ArgumentOutOfRangeException(what, $"{what}: frame size must be positive, got {Width}x{Height}.");
        return this;
    }

    /// <summary>The size whose short side is <paramref name="shortSide"/>, keeping the aspect ratio (long side rounded to nearest).</summary>
    public FrameSize WithShortSide(int shortSide)
    {
        if (shortSide <= 0) throw new ArgumentOutOfRangeException(nameof(shortSide), $"Short side must be positive, got {shortSide}.");
        if (Width <= Height)
            return new FrameSize(shortSide, Math.Max(1, (int)Math.Round((double)Height * shortSide / Width, MidpointRounding.AwayFromZero)));
        return new FrameSize(Math.Max(1, (int)Math.Round((double)Width * shortSide / Height, MidpointRounding.AwayFromZero)), shortSide);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Width}x{Height}";
}
