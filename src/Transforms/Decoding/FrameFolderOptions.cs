namespace MLVideo.Transforms.Decoding;

/// <summary>Naming of extracted frames inside a frame folder (mmaction2 "rawframes").</summary>
public sealed class FrameFolderOptions
{
    /// <summary>Composite format of a frame file name with the frame number as argument 0. Default <c>img_{0:D5}.jpg</c>.</summary>
    public string FileNameTemplate { get; init; } = "img_{0:D5}.jpg";

    /// <summary>Number of the first frame file. Default 1.</summary>
    public int StartIndex { get; init; } = 1;

    /// <summary>Frames per second reported for a frame folder (folders carry no timing). Default 30.</summary>
    public double FrameRate { get; init; } = 30;

    /// <summary>The file name of frame <paramref name="zeroBasedIndex"/>.</summary>
    public string FileName(int zeroBasedIndex) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, FileNameTemplate, zeroBasedIndex + StartIndex);
}
