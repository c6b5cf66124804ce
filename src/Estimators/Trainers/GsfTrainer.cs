using Microsoft.ML;
using MLVideo.Trainers.Methods;

namespace MLVideo;

/// <summary>
/// Gate-Shift-Fuse (Sudhakaran, Escalera, Lanz, TPAMI 2023): a learned spatial gate picks the features to shift in time and a fusion gate mixes them back, in every residual block.
/// Reached through <c>ml.MulticlassClassification.Trainers.Gsf(...)</c>.
/// </summary>
public sealed class GsfTrainer : VideoActionTrainer
{
    /// <summary>Options of <see cref="GsfTrainer"/>: those of <see cref="VideoActionTrainer.Options"/> with the method fixed to Gsf.</summary>
    public new sealed class Options : VideoActionTrainer.Options
    {
        /// <summary>Creates the options with <see cref="VideoActionTrainer.Options.Method"/> = <see cref="VideoMethod.Gsf"/>.</summary>
        public Options() => Method = VideoMethod.Gsf;
    }

    /// <summary>Creates the trainer.</summary>
    /// <param name="env">The ML.NET environment: an <see cref="MLContext"/>.</param>
    /// <param name="options">All options.</param>
    /// <exception cref="ArgumentException">The options name another method.</exception>
    public GsfTrainer(Microsoft.ML.Runtime.IHostEnvironment env, Options options) : base(env, RequireMethod(options, VideoMethod.Gsf)) { }
}
