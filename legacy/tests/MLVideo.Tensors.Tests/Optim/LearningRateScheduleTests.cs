using MLVideo.Tensors.Optim;

namespace MLVideo.Tensors.Tests.Optim;

/// <summary>Learning-rate schedules against hand-computed values (formulas of the PyTorch schedulers, in the comments).</summary>
[TestClass]
public sealed class LearningRateScheduleTests
{
    private const double Tolerance = 1e-12;

    [TestMethod]
    [DataRow(0, 0.01)]
    [DataRow(29, 0.01)]
    [DataRow(30, 0.001)]
    [DataRow(59, 0.001)]
    [DataRow(60, 0.0001)]
    public void StepLR_DecaysEveryStepSize(int step, double expected) =>
        // torch: StepLR(opt(lr=0.01), step_size=30, gamma=0.1): lr = 0.01 * 0.1 ** (epoch // 30)
        Assert.AreEqual(expected, new StepLR(30, 0.1).LearningRate(0.01, step), Tolerance);

    [TestMethod]
    [DataRow(0, 0.01)]
    [DataRow(19, 0.01)]
    [DataRow(20, 0.001)]
    [DataRow(39, 0.001)]
    [DataRow(40, 0.0001)]
    [DataRow(50, 0.0001)]
    public void MultiStepLR_TsmMilestones(int step, double expected) =>
        // TSM: 50 epochs, MultiStepLR(milestones=[20, 40], gamma=0.1)
        Assert.AreEqual(expected, new MultiStepLR([40, 20], 0.1).LearningRate(0.01, step), Tolerance);

    [TestMethod]
    [DataRow(0, 0.1)]
    [DataRow(2, 0.0905463412)]   // 0.001 + 0.099 * (1 + cos(0.2 pi)) / 2, cos(36 deg) = 0.809016994
    [DataRow(5, 0.0505)]         // half way: 0.001 + 0.099 / 2
    [DataRow(10, 0.001)]
    [DataRow(15, 0.001)]         // held at etaMin after tMax
    public void CosineAnnealingLR_HalfCosineToEtaMin(int step, double expected) =>
        Assert.AreEqual(expected, new CosineAnnealingLR(10, 0.001).LearningRate(0.1, step), 1e-10);

    [TestMethod]
    [DataRow(0, 0.1)]
    [DataRow(1, 0.28)]    // 0.1 + 0.9 * 1/5
    [DataRow(4, 0.82)]
    [DataRow(5, 1.0)]
    [DataRow(100, 1.0)]
    public void LinearWarmupLR_ConstantInner_RampsFromStartFactor(int step, double expected) =>
        // torch: LinearLR(opt(lr=1), start_factor=0.1, total_iters=5)
        Assert.AreEqual(expected, new LinearWarmupLR(5, startFactor: 0.1).LearningRate(1.0, step), Tolerance);

    [TestMethod]
    public void LinearWarmupLR_AroundCosine_MultipliesBoth()
    {
        var schedule = new LinearWarmupLR(5, new CosineAnnealingLR(20), startFactor: 0.1);
        // step 2: cosine (1 + cos(pi/10)) / 2 = 0.975528258; warm-up 0.1 + 0.9 * 2/5 = 0.46.
        Assert.AreEqual(0.975528258 * 0.46, schedule.LearningRate(1.0, 2), 1e-9);
        // after warm-up the cosine alone: step 10 is half way.
        Assert.AreEqual(0.5, schedule.LearningRate(1.0, 10), 1e-12);
    }

    [TestMethod]
    public void EpochsAsIterations_StepsOnEpochBoundaries()
    {
        var schedule = new EpochsAsIterations(new StepLR(2, 0.5), iterationsPerEpoch: 10);
        Assert.AreEqual(1.0, schedule.LearningRate(1.0, 19), Tolerance);
        Assert.AreEqual(0.5, schedule.LearningRate(1.0, 20), Tolerance);
        Assert.AreEqual(0.25, schedule.LearningRate(1.0, 45), Tolerance);
    }

    [TestMethod]
    public void EpochsAsIterations_SmoothCosine_MovesWithinAnEpoch()
    {
        var schedule = new EpochsAsIterations(new CosineAnnealingLR(3), iterationsPerEpoch: 10, smooth: true);
        Assert.AreEqual(0.5, schedule.LearningRate(1.0, 15), 1e-12);   // 1.5 of 3 epochs
        Assert.AreEqual((1 + Math.Cos(Math.PI * 0.1 / 3)) / 2, schedule.LearningRate(1.0, 1), 1e-12);
        Assert.ThrowsExactly<ArgumentException>(() => new EpochsAsIterations(new StepLR(1), 10, smooth: true));
    }

    [TestMethod]
    public void IterationWarmup_EpochMultiStep_Composes()
    {
        // 100 iterations per epoch, warm-up over the first 500 iterations, decay at epochs 20 and 40.
        var schedule = new LinearWarmupLR(500, new EpochsAsIterations(new MultiStepLR([20, 40]), 100), startFactor: 0.01);
        Assert.AreEqual(0.01 * 0.1, schedule.LearningRate(0.1, 0), 1e-12);
        Assert.AreEqual(0.1 * (0.01 + 0.99 * 250 / 500.0), schedule.LearningRate(0.1, 250), 1e-12);
        Assert.AreEqual(0.1, schedule.LearningRate(0.1, 1999), 1e-12);
        Assert.AreEqual(0.01, schedule.LearningRate(0.1, 2000), 1e-12);
    }

    [TestMethod]
    public void SequentialLR_SecondRestartsAtMilestone()
    {
        var schedule = new SequentialLR(new LinearWarmupLR(3, startFactor: 0.5), 3, new CosineAnnealingLR(10));
        Assert.AreEqual(0.5, schedule.LearningRate(1.0, 0), Tolerance);
        Assert.AreEqual(1.0, schedule.LearningRate(1.0, 3), Tolerance);
        Assert.AreEqual(0.5, schedule.LearningRate(1.0, 8), 1e-12);
    }

    [TestMethod]
    public void Scheduler_StepAndResume_SetEveryGroupFromItsInitialRate()
    {
        var a = Tensor.Ones(1).RequiresGrad_();
        var b = Tensor.Ones(1).RequiresGrad_();
        using var sgd = new Sgd([new ParameterGroup([a]), new ParameterGroup([b], learningRate: 1.0)], learningRate: 0.1);
        var scheduler = new LearningRateScheduler(sgd, new StepLR(1, 0.5));
        CollectionAssert.AreEqual(new[] { 0.1, 1.0 }, scheduler.LastLearningRates.ToArray());
        scheduler.Step();
        CollectionAssert.AreEqual(new[] { 0.05, 0.5 }, scheduler.LastLearningRates.ToArray());
        Assert.AreEqual(0.1, sgd.ParameterGroups[0].InitialLearningRate);
        scheduler.Resume(3);
        CollectionAssert.AreEqual(new[] { 0.0125, 0.125 }, scheduler.LastLearningRates.ToArray());
        Assert.AreEqual(3, scheduler.StepCount);

        // A second scheduler (e.g. after loading a checkpoint) keeps the initial rates, not the decayed ones.
        var again = new LearningRateScheduler(sgd, new StepLR(1, 0.5));
        CollectionAssert.AreEqual(new[] { 0.1, 1.0 }, again.LastLearningRates.ToArray());
    }

    [TestMethod]
    public void Schedules_InvalidArguments_Throw()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new StepLR(0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new CosineAnnealingLR(0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new LinearWarmupLR(5, startFactor: 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MultiStepLR([-1]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new StepLR(3).LearningRate(1, -1));
    }
    [TestMethod]
    public void Scheduler_GroupAddedLater_StartsFromItsOwnRate()
    {
        using var sgd = new Sgd([Tensor.Ones(1).RequiresGrad_()], learningRate: 0.1);
        var scheduler = new LearningRateScheduler(sgd, new StepLR(1, 0.5));
        scheduler.Step();
        sgd.AddParameterGroup(new ParameterGroup([Tensor.Ones(1).RequiresGrad_()], learningRate: 0.01));
        scheduler.Step();
        CollectionAssert.AreEqual(new[] { 0.025, 0.0025 }, scheduler.LastLearningRates.ToArray());
    }
}
