using System.Diagnostics;
using System.Globalization;
using MLVideo.Trainers.Training;

namespace MLVideo.Trainers.Tests.Training;

/// <summary>A training process killed with SIGKILL in the middle of an epoch resumes here after its last checkpointed epoch.</summary>
[TestClass]
public sealed class KilledRunResumeTests
{
    [TestMethod]
    public void Run_ProcessKilledMidEpoch3_ResumesAtEpoch3OnTheSameLossCurve()
    {
        string exe = Path.Combine(AppContext.BaseDirectory, "MLVideo.Trainers.TrainingProcess.dll");
        Assert.IsTrue(File.Exists(exe), $"The training process {exe} is missing (copied by the test project's CopyTrainingProcess target).");
        string folder = Path.Combine(Path.GetTempPath(), "mlvideo-killed-run", Guid.NewGuid().ToString("N"));

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(exe);
        psi.ArgumentList.Add(folder);
        psi.ArgumentList.Add("20");   // ms per step, so epoch 3 lasts long enough to be killed inside
        using var process = Process.Start(psi)!;
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && line != "step 3 2") { }
        Assert.AreEqual("step 3 2", line, $"the training process ended before epoch 3: {errors}");
        process.Kill(entireProcessTree: true);
        int lastEpochOnDisk = 2;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            Assert.AreNotEqual("done", line, "the process finished before it was killed; the test proves nothing");
            if (line.StartsWith("epoch ", StringComparison.Ordinal)) lastEpochOnDisk = int.Parse(line[6..], CultureInfo.InvariantCulture);
        }
        process.WaitForExit();
        Assert.AreEqual(2, lastEpochOnDisk, "killed inside epoch 3, after the checkpoint of epoch 2");
        Assert.AreEqual(2, TrainingCheckpoint.Read(folder).CompletedEpochs);

        var options = KilledRunSetup.Options(folder);
        options.ResumeFrom = folder;
        var epochsRunHere = new List<int>();
        options.MetricsCallback = p => { if (p.IsEpochEnd) epochsRunHere.Add(p.Epoch); };
        using var resumedModel = KilledRunSetup.Model();
        var resumed = new VideoTrainingLoop(options).Run(resumedModel, KilledRunSetup.Data());
        CollectionAssert.AreEqual(Enumerable.Range(3, KilledRunSetup.MaxEpoch - 2).ToArray(), epochsRunHere.ToArray(),
            "the resumed run continues after the last checkpointed epoch instead of starting over");
        CollectionAssert.AreEqual(Enumerable.Range(1, KilledRunSetup.MaxEpoch).ToArray(), resumed.History.Select(h => h.Epoch).ToArray());

        // The same run without interruption, in this process: the resumed curve is that curve.
        var uninterrupted = KilledRunSetup.Options(Path.Combine(folder, "reference"));
        using var referenceModel = KilledRunSetup.Model();
        var expected = new VideoTrainingLoop(uninterrupted).Run(referenceModel, KilledRunSetup.Data()).History;
        string curve = string.Join(", ", resumed.History.Select(h => h.Loss.ToString("F4", CultureInfo.InvariantCulture)));
        for (int e = 0; e < KilledRunSetup.MaxEpoch; e++)
            Assert.AreEqual(expected[e].Loss, resumed.History[e].Loss, 1e-5 * Math.Max(1, expected[e].Loss), $"epoch {e + 1} loss; resumed curve {curve}");
        Assert.IsTrue(resumed.History[^1].Loss < resumed.History[1].Loss, $"the loss keeps falling after the resume: {curve}");
    }
}
