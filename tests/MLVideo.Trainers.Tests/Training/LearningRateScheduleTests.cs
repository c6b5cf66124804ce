using MLVideo.Trainers.Training;

namespace MLVideo.Trainers.Tests.Training;

[TestClass]
public sealed class LearningRateScheduleTests
{
    [TestMethod]
    public void Factor_Constant_IsOneAtEveryStep()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Constant, stepsPerEpoch: 10, maxEpoch: 3);
        foreach (long step in new long[] { 0, 1, 15, 29, 100 }) Assert.AreEqual(1.0, schedule.Factor(step), $"step {step}");
    }

    [TestMethod]
    public void Factor_Warmup_RisesLinearlyFromTenPercentThenHolds()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Constant, stepsPerEpoch: 10, maxEpoch: 5, warmupEpochs: 2);
        Assert.AreEqual(20, schedule.WarmupSteps);
        Assert.AreEqual(0.1, schedule.Factor(0), 1e-12);
        Assert.AreEqual(0.55, schedule.Factor(10), 1e-12, "half-way through the warm-up");
        Assert.AreEqual(1.0, schedule.Factor(20), 1e-12);
        Assert.AreEqual(1.0, schedule.Factor(49), 1e-12);
    }

    [TestMethod]
    public void Factor_Cosine_StartsAfterWarmupAndEndsNearZero()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Cosine, stepsPerEpoch: 10, maxEpoch: 5, warmupEpochs: 1);
        Assert.AreEqual(1.0, schedule.Factor(10), 1e-12, "the cosine starts when the warm-up ends");
        Assert.AreEqual(0.5, schedule.Factor(10 + 20), 1e-12, "half-way through the 40 cosine steps");
        Assert.IsTrue(schedule.Factor(49) < 0.002, $"last step {schedule.Factor(49)}");
        Assert.AreEqual(0.0, schedule.Factor(50), 1e-12, "held at zero past the end");
        for (long s = 11; s < 50; s++) Assert.IsTrue(schedule.Factor(s) < schedule.Factor(s - 1), $"decreasing at step {s}");
    }

    [TestMethod]
    public void Factor_MultiStep_DecaysAtEachMilestoneEpoch()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.MultiStep, stepsPerEpoch: 4, maxEpoch: 50, milestones: [40, 20], decay: 0.1);
        CollectionAssert.AreEqual(new[] { 20, 40 }, schedule.Milestones.ToArray());
        Assert.AreEqual(1.0, schedule.Factor(20 * 4 - 1), 1e-12, "last step of epoch 20 (0-based 19)");
        Assert.AreEqual(0.1, schedule.Factor(20 * 4), 1e-12, "first step of epoch 21");
        Assert.AreEqual(0.01, schedule.Factor(40 * 4), 1e-12);
    }

    [TestMethod]
    public void Constructor_NegativeWarmup_Throws()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new LearningRateSchedule(LearningRateScheduleKind.Cosine, 10, 5, warmupEpochs: -1));
        Assert.AreEqual("warmupEpochs", e.ParamName);
    }
}
