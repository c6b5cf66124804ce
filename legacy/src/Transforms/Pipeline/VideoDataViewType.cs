using MLVideo.Data;

namespace MLVideo.Transforms;

/// <summary>Column type of a probed video (values are <see cref="VideoInfo"/>: path plus probe facts). Produced by <c>LoadVideo</c>.</summary>
public sealed class VideoDataViewType : StructuredDataViewType
{
    private VideoDataViewType() : base(typeof(VideoInfo))
    {
    }

    /// <summary>The single instance (registered for <see cref="VideoInfo"/> members).</summary>
    public static VideoDataViewType Instance { get; } = Register(new VideoDataViewType());

    private static VideoDataViewType Register(VideoDataViewType type)
    {
        DataViewTypeManager.Register(type, typeof(VideoInfo));
        return type;
    }

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => other is VideoDataViewType;

    /// <inheritdoc />
    public override int GetHashCode() => typeof(VideoInfo).GetHashCode();

    /// <inheritdoc />
    public override string ToString() => "Video";
}
