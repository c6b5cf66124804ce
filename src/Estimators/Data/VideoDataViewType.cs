using Microsoft.ML.Data;
using MLVideo.Transforms.Decoding;

namespace MLVideo.Data;

/// <summary>
/// Column type of a probed video: each value is a <see cref="VideoInfo"/> (path, size, frame rate, frame count). Produced by
/// <c>ml.Transforms.LoadVideo</c>, read by <c>SampleFrames</c>. Nothing is decoded until a cursor asks for a clip.
/// </summary>
public sealed class VideoDataViewType : StructuredDataViewType
{
    private VideoDataViewType() : base(typeof(VideoInfo))
    {
    }

    /// <summary>The single instance.</summary>
    public static VideoDataViewType Instance { get; } = new();

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => other is VideoDataViewType;

    /// <inheritdoc />
    public override int GetHashCode() => typeof(VideoInfo).GetHashCode();

    /// <inheritdoc />
    public override string ToString() => "Video";
}
