using Microsoft.ML;
using MLVideo.Trainers.Methods;

namespace MLVideo;

/// <summary>
/// Temporal Shift Module (Lin, Gan, Han, ICCV 2019): 1/ShiftDiv of the channels shift one frame each way inside every residual branch, for zero extra FLOPs.
/// Reached through <c>ml.MulticlassClassification.Trainers.Tsm(...)</c>.
/// </summary>
public sealed class TsmTrainer : VideoActionTrainer
{
    /// <summary>Options of <see cref="TsmTrainer"/>: those of <see cref="VideoActionTrainer.Options"/> with the method fixed to Tsm.</summary>
    public new sealed class Options : VideoActionTrainer.Options
    {
        /// <summary>Creates the options with <see cref="VideoActionTrainer.Options.Method"/> = <see cref="VideoMethod.Tsm"/>.</summary>
        public Options() => Method = VideoMethod.Tsm;
    }

    /// <summary>Creates the trainer.</summary>
    /// <param name="env">The ML.NET environment: an <see cref="MLContext"/>.</param>
    /// <param name="options">All options.</param>
    /// <exception cref="ArgumentException">The options name another method.</exception>
    public TsmTrainer(Microsoft.ML.Runtime.IHostEnvironment env, Options options) : base(env, RequireMethod(options, VideoMethod.Tsm)) { }
}
