namespace MLVideo.Bench.Harness;

/// <summary>The case of the models suite (issue 10): ResNet-18, 8 frames of 3 x 112 x 112, 400 classes, 2-clip training steps.</summary>
public static class BenchShape
{
    /// <summary>T, frames per clip.</summary>
    public const int Frames = 8;

    /// <summary>Colour channels.</summary>
    public const int Channels = 3;

    /// <summary>Frame height and width.</summary>
    public const int Size = 112;

    /// <summary>Clips per training step.</summary>
    public const int TrainingClips = 2;

    /// <summary>Classes of the classifier.</summary>
    public const int Classes = 400;

    /// <summary>Learning rate, momentum and weight decay of the SGD step, the same for every contender.</summary>
    public const double LearningRate = 0.01, Momentum = 0.9, WeightDecay = 1e-4;

    /// <summary>Class labels of the two training clips.</summary>
    public static readonly long[] Labels = [3, 141];

    /// <summary>The batch shape (clips, T, C, H, W).</summary>
    public static long[] Clips(int clips) => [clips, Frames, Channels, Size, Size];

    /// <summary>The methods, in table order, as spelled on the command line.</summary>
    public static readonly string[] Methods = ["tsn", "tsm", "gsf"];
}
