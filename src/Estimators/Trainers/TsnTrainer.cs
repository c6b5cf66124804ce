using Microsoft.ML;
using MLVideo.Trainers.Methods;

namespace MLVideo;

/// <summary>
/// Temporal Segment Networks (Wang et al., ECCV 2016): a 2D backbone on every sampled frame, the segment scores averaged. The baseline; it cannot see the direction of time.
/// Reached through <c>ml.MulticlassClassification.Trainers.Tsn(...)</c>.
/// </summary>
public sealed class TsnTrainer : VideoActionTrainer
{
    /// <summary>Options of <see cref="TsnTrainer"/>: those of <see cref="VideoActionTrainer.Options"/> with the method fixed to Tsn.</summary>
    public new sealed class Options : VideoActionTrainer.Options
    {
        /// <summary>Creates the options with <see cref="VideoActionTrainer.Options.Method"/> = <see cref="VideoMethod.Tsn"/>.</summary>
        public Options() => Method = VideoMethod.Tsn;
    }

    /// <summary>Creates the trainer.</summary>
    /// <param name="env">The ML.NET environment: an <see cref="MLContext"/>.</param>
    /// <param name="options">All options.</param>
    /// <exception cref="ArgumentException">The options name another method.</exception>
    public TsnTrainer(Microsoft.ML.Runtime.IHostEnvironment env, Options options) : base(env, RequireMethod(options, VideoMethod.Tsn)) { }
}
