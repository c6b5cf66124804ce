using System.Diagnostics;
using MLVideo.Trainers.Training;

namespace MLVideo.Trainers.Tests.Training;

[TestClass]
public sealed class KilledRunResumeTests
{
    [TestMethod]
    public void KilledProcess_ResumesFromItsLastCheckpoint()
    {
        string exe = Path.Combine(AppContext.BaseDirectory, "MLVideo.Trainers.TrainingProcess.dll");
        Assert.IsTrue(File.Exists(exe), $"The training process {exe} is missing (built by the test project's reference).");
        string folder = Path.Combine(Path.GetTempPath(), "mlvideo-killed-run", Guid.NewGuid().ToString("N"));
        const int MaxEpoch = 6;

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(exe);
        psi.ArgumentList.Add(folder);
        psi.ArgumentList.Add(MaxEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        // Kill it mid-epoch: a moment after the second epoch ended it is inside epoch 3, with checkpoint 2 on disk.
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && line != "epoch 2") { }
        Assert.AreEqual("epoch 2", line, "the training process ended before its second epoch");
        Thread.Sleep(50);
        process.Kill(entireProcessTree: true);
        int lastEpochOnDisk = 2;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            Assert.AreNotEqual("done", line, "the process finished before it could be killed; the test proves nothing");
            if (line.StartsWith("epoch ", StringComparison.Ordinal)) lastEpochOnDisk = int.Parse(line[6..], System.Globalization.CultureInfo.InvariantCulture);
        }
        process.WaitForExit();
        Assert.IsTrue(lastEpochOnDisk < MaxEpoch, "the process was killed before its last epoch");

        var ml = new MLVideoContext(seed: 1);
        var data = MovingBlockData.Load(ml, 32, seed: 11);
        var options = TrainingProcessOptions.Create(folder, MaxEpoch);
        options.ResumeFrom = folder;
        var epochsRunHere = new List<int>();
        options.MetricsCallback = p => { if (p.IsEpochEnd) epochsRunHere.Add(p.Epoch); };
        var resumed = ml.MulticlassClassification.Trainers.Tsm(options).Fit(data);
        CollectionAssert.AreEqual(Enumerable.Range(lastEpochOnDisk + 1, MaxEpoch - lastEpochOnDisk).ToArray(), epochsRunHere.ToArray(),
            "the resumed run continues after the last checkpointed epoch instead of starting over");
        var history = resumed.Training!.History;
        Assert.AreEqual(MaxEpoch, history.Count, "all epochs accounted for after the resume");
        CollectionAssert.AreEqual(Enumerable.Range(1, MaxEpoch).ToArray(), history.Select(h => h.Epoch).ToArray());
        Assert.IsTrue(history[^1].Loss < history[0].Loss, $"loss keeps falling after the resume: {string.Join(", ", history.Select(h => h.Loss.ToString("F3")))}");
    }
}
