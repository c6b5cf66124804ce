namespace MLVideo.Tensors;

/// <summary>A (height, width) pair for 2-D kernel sizes, strides, paddings and dilations; an int converts to (n, n).</summary>
public readonly record struct Size2(int H, int W)
{
    /// <summary>(n, n).</summary>
    public static implicit operator Size2(int n) => new(n, n);

    /// <summary>From a tuple.</summary>
    public static implicit operator Size2((int H, int W) t) => new(t.H, t.W);

    /// <inheritdoc/>
    public override string ToString() => $"({H}, {W})";
}

/// <summary>A (time, height, width) triple for 3-D kernel sizes, strides, paddings and dilations; an int converts to (n, n, n).</summary>
public readonly record struct Size3(int T, int H, int W)
{
    /// <summary>(n, n, n).</summary>
    public static implicit operator Size3(int n) => new(n, n, n);

    /// <summary>From a tuple.</summary>
    public static implicit operator Size3((int T, int H, int W) t) => new(t.T, t.H, t.W);

    /// <inheritdoc/>
    public override string ToString() => $"({T}, {H}, {W})";
}
