namespace MLVideo.Tensors.Optim;

/// <summary>Decays the learning rate by <see cref="Gamma"/> every <see cref="StepSize"/> steps (PyTorch's <c>StepLR</c>): lr = base gamma^floor(step / stepSize).</summary>
public sealed class StepLR : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="stepSize">Steps (usually epochs) between decays; positive.</param>
    /// <param name="gamma">Multiplicative decay; default 0.1.</param>
    public StepLR(int stepSize, double gamma = 0.1)
    {
        if (stepSize <= 0) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "StepLR: stepSize must be positive.");
        if (!(gamma >= 0)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "StepLR: gamma must be non-negative.");
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>Steps between decays.</summary>
    public int StepSize { get; }

    /// <summary>Multiplicative decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double LearningRate(double baseLearningRate, int step)
    {
        CheckStep(step);
        return baseLearningRate * Math.Pow(Gamma, step / StepSize);
    }
}
