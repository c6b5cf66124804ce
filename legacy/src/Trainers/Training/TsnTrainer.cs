using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Training;

/// <summary>
/// Trains a Temporal Segment Network: a 2-D backbone on each of T frames and the average of the frame logits
/// (no temporal modelling inside the network; the baseline of TSM and GSF).
/// </summary>
public sealed class TsnTrainer : VideoClassificationTrainerBase<TsnTrainer.Options>
{
    internal TsnTrainer(MLVideoContext context, Options options) : base(context, options) { }

    /// <summary>Options of <see cref="TsnTrainer"/>.</summary>
    public sealed class Options : VideoTrainerOptions;

    private protected override VideoMethod Method => VideoMethod.Tsn;
}
