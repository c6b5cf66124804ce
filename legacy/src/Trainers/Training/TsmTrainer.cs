using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Training;

/// <summary>
/// Trains a Temporal Shift Module network (Lin et al., ICCV 2019): TSN plus a residual shift of 1/8 of the channels
/// forward and 1/8 backward in time before <c>conv1</c> of every residual block.
/// </summary>
public sealed class TsmTrainer : VideoClassificationTrainerBase<TsmTrainer.Options>
{
    internal TsmTrainer(MLVideoContext context, Options options) : base(context, options) { }

    /// <summary>Options of <see cref="TsmTrainer"/>.</summary>
    public sealed class Options : VideoTrainerOptions
    {
        /// <summary>1/ShiftDiv of the channels shift each way (official <c>shift_div</c>). Default 8.</summary>
        public int ShiftDiv { get; set; } = 8;
    }

    private protected override VideoMethod Method => VideoMethod.Tsm;

    private protected override void Configure(VideoModelOptions model) => model.ShiftDiv = TrainerOptions.ShiftDiv;
}
