namespace MLVideo;

/// <summary>How the predictions of several test views (clips x crops) of one video are combined.</summary>
public enum ViewAveraging
{
    /// <summary>Average the softmax probabilities of the views (mmaction2's <c>average_clips='prob'</c>).</summary>
    Probabilities,

    /// <summary>Average the raw logits, then apply softmax (mmaction2's <c>average_clips='score'</c>; the official TSM and GSF test scripts).</summary>
    Logits,
}
