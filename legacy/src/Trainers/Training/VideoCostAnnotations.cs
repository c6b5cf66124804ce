namespace MLVideo.Trainers.Training;

/// <summary>
/// Annotation kinds a video classifier puts on its score column so evaluation can report what the papers report:
/// compute per video, measured inference time per video and the test protocol.
/// </summary>
public static class VideoCostAnnotations
{
    /// <summary>Multiply-accumulates per video in billions (Double), counted as the papers count FLOPs.</summary>
    public const string GflopsPerVideo = "GflopsPerVideo";

    /// <summary>Mean measured model time per video in milliseconds so far (Double, NaN before the first prediction).</summary>
    public const string MillisecondsPerVideo = "MillisecondsPerVideo";

    /// <summary>The test protocol, e.g. <c>2 clips x 3 crops x 8 frames, 112x112, probability averaging</c> (Text).</summary>
    public const string TestProtocol = "TestProtocol";
}
