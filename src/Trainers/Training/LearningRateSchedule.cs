namespace MLVideo.Trainers.Training;

/// <summary>
/// The learning-rate factor at every optimiser step of a run: a linear warm-up from
/// <see cref="WarmupStartFactor"/> to 1 over the warm-up steps, times the main schedule. The factor is a pure function
/// of the global step, so a resumed run only needs the step count to continue exactly. Every group's rate is its
/// base rate (learning rate x group multiplier) times this factor.
/// </summary>
public sealed class LearningRateSchedule
{
    private readonly int[] _milestones;

    /// <summary>Creates the schedule.</summary>
    /// <param name="kind">The main schedule.</param>
    /// <param name="stepsPerEpoch">Optimiser steps per epoch; positive.</param>
    /// <param name="maxEpoch">Epochs of the whole run; positive.</param>
    /// <param name="warmupEpochs">Epochs of linear warm-up (fractions allowed); zero for none.</param>
    /// <param name="milestones">Epochs at which <see cref="LearningRateScheduleKind.MultiStep"/> decays.</param>
    /// <param name="decay">Factor applied at each milestone; default 0.1.</param>
    /// <param name="warmupStartFactor">Factor at step 0 of the warm-up, in (0, 1]; default 0.1.</param>
    public LearningRateSchedule(LearningRateScheduleKind kind, int stepsPerEpoch, int maxEpoch, double warmupEpochs = 0,
        IEnumerable<int>? milestones = null, double decay = 0.1, double warmupStartFactor = 0.1)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown learning-rate schedule.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepsPerEpoch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEpoch);
        if (!(warmupEpochs >= 0)) throw new ArgumentOutOfRangeException(nameof(warmupEpochs), warmupEpochs, "Warm-up epochs cannot be negative.");
        if (!(decay >= 0)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "The milestone decay cannot be negative.");
        if (!(warmupStartFactor > 0 && warmupStartFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(warmupStartFactor), warmupStartFactor, "The warm-up start factor must be in (0, 1].");
        _milestones = (milestones ?? []).Order().ToArray();
        if (_milestones.Length > 0 && _milestones[0] < 0) throw new ArgumentOutOfRangeException(nameof(milestones), "Milestone epochs cannot be negative.");
        Kind = kind;
        StepsPerEpoch = stepsPerEpoch;
        TotalSteps = (long)stepsPerEpoch * maxEpoch;
        WarmupSteps = (long)Math.Round(warmupEpochs * stepsPerEpoch);
        Decay = decay;
        WarmupStartFactor = warmupStartFactor;
    }

    /// <summary>The main schedule.</summary>
    public LearningRateScheduleKind Kind { get; }

    /// <summary>Optimiser steps per epoch.</summary>
    public int StepsPerEpoch { get; }

    /// <summary>Optimiser steps of the whole run.</summary>
    public long TotalSteps { get; }

    /// <summary>Steps of the linear warm-up.</summary>
    public long WarmupSteps { get; }

    /// <summary>Factor applied at each milestone.</summary>
    public double Decay { get; }

    /// <summary>Factor at the first warm-up step.</summary>
    public double WarmupStartFactor { get; }

    /// <summary>Milestone epochs, sorted.</summary>
    public IReadOnlyList<int> Milestones => _milestones;

    /// <summary>The factor on the base learning rate for the optimiser step <paramref name="step"/> (0-based).</summary>
    public double Factor(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        double warmup = WarmupSteps > 0 && step < WarmupSteps ? WarmupStartFactor + (1 - WarmupStartFactor) * step / WarmupSteps : 1;
        return warmup * Kind switch
        {
            LearningRateScheduleKind.Constant => 1,
            LearningRateScheduleKind.MultiStep => Math.Pow(Decay, _milestones.Count(m => m <= step / StepsPerEpoch)),
            // Cosine counts from the end of the warm-up and holds zero after the last step.
            _ => Cosine(Math.Max(0, step - WarmupSteps), Math.Max(1, TotalSteps - WarmupSteps)),
        };
    }

    private static double Cosine(long t, long length) => (1 + Math.Cos(Math.PI * Math.Min(t, length) / length)) / 2;
}
