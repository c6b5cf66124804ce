namespace MLVideo.Tensors.Optim;

/// <summary>
/// Cosine annealing from the base rate to <see cref="EtaMin"/> over <see cref="TMax"/> steps (PyTorch's
/// <c>CosineAnnealingLR</c> closed form, Loshchilov and Hutter, ICLR 2017, without restarts):
/// lr = etaMin + (base - etaMin) (1 + cos(pi step / tMax)) / 2; after tMax the rate stays at etaMin.
/// </summary>
/// <remarks>PyTorch's recursive form keeps following the cosine back up after tMax; training past tMax is almost never intended, so the rate is held.</remarks>
public sealed class CosineAnnealingLR : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="tMax">Steps to reach <paramref name="etaMin"/>; positive.</param>
    /// <param name="etaMin">Final learning rate; default 0.</param>
    public CosineAnnealingLR(int tMax, double etaMin = 0)
    {
        if (tMax <= 0) throw new ArgumentOutOfRangeException(nameof(tMax), tMax, "CosineAnnealingLR: tMax must be positive.");
        if (!(etaMin >= 0)) throw new ArgumentOutOfRangeException(nameof(etaMin), etaMin, "CosineAnnealingLR: etaMin must be non-negative.");
        TMax = tMax;
        EtaMin = etaMin;
    }

    /// <summary>Steps of the half cosine.</summary>
    public int TMax { get; }

    /// <summary>Final learning rate.</summary>
    public double EtaMin { get; }

    /// <inheritdoc/>
    public override double LearningRate(double baseLearningRate, int step)
    {
        CheckStep(step);
        int t = Math.Min(step, TMax);
        return EtaMin + (baseLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * t / TMax)) / 2;
    }
}
