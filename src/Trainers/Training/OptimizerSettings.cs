namespace MLVideo.Trainers.Training;

/// <summary>The optimiser's hyper-parameters, as taken from <see cref="TrainingOptions"/>.</summary>
internal sealed record OptimizerSettings(OptimizerKind Kind, double LearningRate, double WeightDecay, double Momentum, bool Nesterov,
    double Beta1, double Beta2, double Epsilon)
{
    public static OptimizerSettings From(TrainingOptions o) =>
        new(o.Optimizer, o.LearningRate, o.WeightDecay, o.Momentum, o.Nesterov, o.AdamBeta1, o.AdamBeta2, o.AdamEpsilon);
}
