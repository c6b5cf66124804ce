namespace MLVideo.Model;

/// <summary>
/// Size limits applied when reading a model file, so a hostile file (e.g. a zip bomb) is rejected
/// before it exhausts memory. Honest files stay far below them: tensors are stored uncompressed.
/// </summary>
public static class ModelFileLimits
{
    /// <summary>Largest uncompressed JSON entry: 64 MiB.</summary>
    public const long MaxJsonEntryBytes = 64L << 20;

    /// <summary>Largest uncompressed tensor entry: 1 GiB.</summary>
    public const long MaxTensorEntryBytes = 1L << 30;

    /// <summary>Largest total uncompressed size: 4 GiB.</summary>
    public const long MaxTotalBytes = 4L << 30;

    /// <summary>Most entries in a file.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Highest uncompressed/compressed ratio allowed for entries above <see cref="RatioCheckMinimumBytes"/>.</summary>
    public const double MaxCompressionRatio = 100;

    /// <summary>Entries at least this large (1 MiB) must respect <see cref="MaxCompressionRatio"/>.</summary>
    public const long RatioCheckMinimumBytes = 1L << 20;
}
