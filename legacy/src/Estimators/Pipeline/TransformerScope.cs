namespace MLVideo;

/// <summary>Where a transformer of a chain applies (ML.NET's values).</summary>
[Flags]
public enum TransformerScope
{
    /// <summary>Nowhere.</summary>
    None = 0,

    /// <summary>When training.</summary>
    Training = 1 << 0,

    /// <summary>When testing.</summary>
    Testing = 1 << 1,

    /// <summary>When scoring (prediction).</summary>
    Scoring = 1 << 2,

    /// <summary>Training and testing.</summary>
    TrainTest = Training | Testing,

    /// <summary>Always.</summary>
    Everything = Training | Testing | Scoring,
}
