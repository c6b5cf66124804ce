namespace MLVideo;

/// <summary>
/// Annotation kinds a video classifier puts on its score column, so that evaluation can report what papers in this
/// field report: compute per video, measured model time per video and the test protocol.
/// </summary>
public static class VideoScoreAnnotations
{
    /// <summary>Multiply-accumulates per video in billions (Double), every view counted, as the papers count FLOPs.</summary>
    public const string GflopsPerVideo = "MLVideo.GflopsPerVideo";

    /// <summary>Mean measured model time per video in milliseconds so far (Double; NaN before the first prediction).</summary>
    public const string MillisecondsPerVideo = "MLVideo.MillisecondsPerVideo";

    /// <summary>The test protocol, e.g. <c>2 clips x 3 crops x 8 frames, 112x112, probability averaging</c> (Text).</summary>
    public const string TestProtocol = "MLVideo.TestProtocol";
}
