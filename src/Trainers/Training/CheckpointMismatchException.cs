namespace MLVideo.Trainers.Training;

/// <summary>
/// A checkpoint was written for another model architecture or another optimiser than the run that tries to resume
/// from it. The message names the file and the first difference.
/// </summary>
public sealed class CheckpointMismatchException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="checkpointPath">The checkpoint file.</param>
    /// <param name="difference">What differs, in words.</param>
    public CheckpointMismatchException(string checkpointPath, string difference)
        : base($"Checkpoint '{checkpointPath}' does not belong to this training run: {difference}.")
    {
        CheckpointPath = checkpointPath;
        Difference = difference;
    }

    /// <summary>The checkpoint file.</summary>
    public string CheckpointPath { get; }

    /// <summary>What differs, in words.</summary>
    public string Difference { get; }
}
