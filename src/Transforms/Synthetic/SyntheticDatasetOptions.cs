namespace MLVideo.Transforms.Synthetic;

/// <summary>What <see cref="SyntheticActionDataset.Generate"/> writes.</summary>
public sealed class SyntheticDatasetOptions
{
    /// <summary>The classes to render (default: the four directions of motion).</summary>
    public IReadOnlyList<SyntheticAction> Actions { get; set; } =
        [SyntheticAction.MoveLeft, SyntheticAction.MoveRight, SyntheticAction.MoveUp, SyntheticAction.MoveDown];

    /// <summary>Videos per class (default 20).</summary>
    public int VideosPerClass { get; set; } = 20;

    /// <summary>Frames per video (default 24).</summary>
    public int FramesPerVideo { get; set; } = 24;

    /// <summary>Frame width in pixels (default 64).</summary>
    public int Width { get; set; } = 64;

    /// <summary>Frame height in pixels (default 64).</summary>
    public int Height { get; set; } = 64;

    /// <summary>Frames per second written into the mp4 (default 12).</summary>
    public int FramesPerSecond { get; set; } = 12;

    /// <summary>Per-pixel noise amplitude in 0..255 units (default 12).</summary>
    public float Noise { get; set; } = 12f;

    /// <summary>Seed of the generator (default 1).</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Encoding timeout per video (default 60 s).</summary>
    public TimeSpan EncodeTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
