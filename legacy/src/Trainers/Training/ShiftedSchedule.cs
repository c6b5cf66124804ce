using MLVideo.Tensors.Optim;

namespace MLVideo.Trainers.Training;

/// <summary>Runs another schedule <c>offset</c> steps late (its step 0 is our step <c>offset</c>), so a cosine starts after the warm-up.</summary>
internal sealed class ShiftedSchedule(LearningRateSchedule inner, int offset) : LearningRateSchedule
{
    public override double LearningRate(double baseLearningRate, int step) => inner.LearningRate(baseLearningRate, Math.Max(0, step - offset));
}
