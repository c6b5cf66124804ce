namespace MLVideo.Transforms.Decoding;

/// <summary>One stream of a media container as reported by ffprobe.</summary>
/// <param name="Index">Stream index in the container.</param>
/// <param name="CodecType">"video", "audio", "data", "subtitle", ...</param>
/// <param name="CodecName">Codec short name (h264, vp9, aac, ...).</param>
/// <param name="IsAttachedPicture">True for cover art stored as a video stream.</param>
public sealed record MediaStreamInfo(int Index, string CodecType, string CodecName, bool IsAttachedPicture);
