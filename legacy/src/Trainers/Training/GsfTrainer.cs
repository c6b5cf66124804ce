using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Training;

/// <summary>
/// Trains a Gate-Shift-Fuse network (Sudhakaran et al., TPAMI 2023): TSN plus a GSF unit (spatial gating, temporal
/// shift, learned fusion) after the last convolution of every residual block.
/// </summary>
public sealed class GsfTrainer : VideoClassificationTrainerBase<GsfTrainer.Options>
{
    internal GsfTrainer(MLVideoContext context, Options options) : base(context, options) { }

    /// <summary>Options of <see cref="GsfTrainer"/>.</summary>
    public sealed class Options : VideoTrainerOptions
    {
        /// <summary>Percentage of each block's channels that go through GSF (official <c>gsf_ch_ratio</c>). Default 100.</summary>
        public double GsfChannelRatio { get; set; } = 100;
    }

    private protected override VideoMethod Method => VideoMethod.Gsf;

    private protected override void Configure(VideoModelOptions model) => model.GsfChannelRatio = TrainerOptions.GsfChannelRatio;
}
