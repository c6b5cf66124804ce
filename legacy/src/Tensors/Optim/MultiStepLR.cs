namespace MLVideo.Tensors.Optim;

/// <summary>
/// Decays the learning rate by <see cref="Gamma"/> at each milestone (PyTorch's <c>MultiStepLR</c>):
/// lr = base gamma^(number of milestones &lt;= step). TSM trains 50 epochs with milestones 20 and 40.
/// </summary>
public sealed class MultiStepLR : LearningRateSchedule
{
    private readonly int[] _milestones;

    /// <summary>Creates the schedule.</summary>
    /// <param name="milestones">Steps at which to decay (sorted here; a repeated milestone decays twice, as in PyTorch).</param>
    /// <param name="gamma">Multiplicative decay; default 0.1.</param>
    public MultiStepLR(IEnumerable<int> milestones, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        _milestones = milestones.ToArray();
        Array.Sort(_milestones);
        if (_milestones.Length > 0 && _milestones[0] < 0) throw new ArgumentOutOfRangeException(nameof(milestones), "MultiStepLR: milestones cannot be negative.");
        if (!(gamma >= 0)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "MultiStepLR: gamma must be non-negative.");
        Gamma = gamma;
    }

    /// <summary>The milestones, sorted.</summary>
    public IReadOnlyList<int> Milestones => _milestones;

    /// <summary>Multiplicative decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double LearningRate(double baseLearningRate, int step)
    {
        CheckStep(step);
        int passed = 0;
        foreach (int m in _milestones)
            if (m <= step) passed++;
        return baseLearningRate * Math.Pow(Gamma, passed);
    }
}
