namespace MLVideo.Trainers.Training;

/// <summary>One optimiser group: parameters (by state-dict name) sharing a learning-rate and a weight-decay multiplier.</summary>
/// <param name="Name">The official policy's group name, e.g. <c>normal_weight</c> or <c>lr10_bias</c>.</param>
/// <param name="ParameterNames">State-dict names of the group's parameters, in the model's registration order.</param>
/// <param name="LearningRateMultiplier">Factor on <see cref="TrainingOptions.LearningRate"/> (official <c>lr_mult</c>).</param>
/// <param name="WeightDecayMultiplier">Factor on <see cref="TrainingOptions.WeightDecay"/> (official <c>decay_mult</c>).</param>
public sealed record ParameterGroup(string Name, IReadOnlyList<string> ParameterNames, double LearningRateMultiplier, double WeightDecayMultiplier);
