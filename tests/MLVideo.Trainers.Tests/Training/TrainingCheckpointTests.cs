using System.Text;
using MLVideo.Trainers.Training;
using MLVideo.Trainers.Weights;

namespace MLVideo.Trainers.Tests.Training;

[TestClass]
public sealed class TrainingCheckpointTests
{
    private static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "mlvideo-checkpoint-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string TrainTwoEpochs(bool validate)
    {
        string folder = TempFolder();
        var options = new TrainingOptions { MaxEpoch = 2, BatchSize = 4, LearningRate = 0.02, Seed = 11, NumberOfThreads = 1, CheckpointFolder = folder };
        if (validate) options.ValidationSet = MovingBlockClips.Create(8, seed: 2);
        using var model = TinyMotionNet.Create(seed: 1);
        new VideoTrainingLoop(options).Run(model, MovingBlockClips.Create(16, seed: 1));
        return folder;
    }

    [TestMethod]
    public void Read_AfterTwoEpochs_HeaderHoldsTheLoopState()
    {
        string folder = TrainTwoEpochs(validate: true);
        var checkpoint = TrainingCheckpoint.Read(folder);
        Assert.AreEqual(Path.Combine(folder, TrainingCheckpoint.FileName), checkpoint.Path);
        Assert.AreEqual(2, checkpoint.CompletedEpochs);
        Assert.AreEqual(8, checkpoint.GlobalStep);
        Assert.AreEqual(11, checkpoint.Seed);
        CollectionAssert.AreEqual(new[] { 1, 2 }, checkpoint.History.Select(h => h.Epoch).ToArray());
        Assert.IsNotNull(checkpoint.BestValidationAccuracy);
        Assert.IsTrue(checkpoint.BestEpoch is 1 or 2);
        StringAssert.StartsWith(checkpoint.Optimizer, "SGD");
        Assert.AreEqual(16, checkpoint.ModelFingerprint.Length);

        using var file = SafeTensorsReader.Open(checkpoint.Path);
        foreach (var name in new[] { "model.conv1.weight", "model.bn1.running_mean", "model.bn1.num_batches_tracked", "optim.conv1.weight.momentum_buffer", "optim.fc.bias.momentum_buffer" })
            Assert.IsTrue(file.Contains(name), $"the checkpoint stores {name}");
        Assert.AreEqual(checkpoint.BestEpoch != checkpoint.CompletedEpochs, file.Contains("best.fc.bias"),
            "a separate best copy only when the best epoch is not the last");
    }

    [TestMethod]
    public void Read_NotACheckpoint_ThrowsNamingTheFile()
    {
        string path = Path.Combine(TempFolder(), "weights.safetensors");
        using (var x = TorchSharp.torch.ones(2)) SafeTensorsWriter.Write(path, [KeyValuePair.Create("x", x)]);
        var e = Assert.ThrowsExactly<InvalidDataException>(() => TrainingCheckpoint.Read(path));
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "not an MLVideo training checkpoint");
    }

    [TestMethod]
    public void Read_NewerFormatVersion_IsRefused()
    {
        string folder = TrainTwoEpochs(validate: false);
        string path = Path.Combine(folder, TrainingCheckpoint.FileName);
        // Same length, so the header length and offsets stay valid.
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.Latin1.GetString(bytes);
        int at = text.IndexOf("\\u0022format_version\\u0022:1", StringComparison.Ordinal);
        if (at < 0) at = text.IndexOf("\\\"format_version\\\":1", StringComparison.Ordinal);
        Assert.IsTrue(at >= 0, "the header holds the format version");
        int digit = text.IndexOf(":1", at, StringComparison.Ordinal) + 1;
        bytes[digit] = (byte)'9';
        File.WriteAllBytes(path, bytes);
        var e = Assert.ThrowsExactly<InvalidDataException>(() => TrainingCheckpoint.Read(path));
        StringAssert.Contains(e.Message, "format version 9");
        StringAssert.Contains(e.Message, path);
    }

    [TestMethod]
    public void Read_Truncated_ThrowsInvalidDataNamingTheFile()
    {
        string path = Path.Combine(TempFolder(), "cut.safetensors");
        using (var x = TorchSharp.torch.zeros(64, 64)) SafeTensorsWriter.Write(path, [KeyValuePair.Create("model.x", x)]);
        var content = File.ReadAllBytes(path);
        File.WriteAllBytes(path, content[..^100]);
        var e = Assert.ThrowsExactly<InvalidDataException>(() => TrainingCheckpoint.Read(path));
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "truncated");
        Assert.IsInstanceOfType<SafeTensorsFormatException>(e.InnerException);
    }

    [TestMethod]
    public void Read_NotSafetensors_ThrowsInvalidDataNamingTheFile()
    {
        string path = Path.Combine(TempFolder(), "notes.safetensors");
        File.WriteAllText(path, "this is not a tensor file at all");
        var e = Assert.ThrowsExactly<InvalidDataException>(() => TrainingCheckpoint.Read(path));
        StringAssert.Contains(e.Message, path);
        StringAssert.Contains(e.Message, "not a readable training checkpoint");
    }

    [TestMethod]
    public void Read_Missing_ThrowsFileNotFound()
    {
        string path = Path.Combine(TempFolder(), "nothing.safetensors");
        var e = Assert.ThrowsExactly<FileNotFoundException>(() => TrainingCheckpoint.Read(path));
        StringAssert.Contains(e.Message, path);
    }
}
