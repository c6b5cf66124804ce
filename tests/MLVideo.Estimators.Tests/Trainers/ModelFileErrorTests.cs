using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using MLVideo.Estimators.Tests.Support;

namespace MLVideo.Estimators.Tests.Trainers;

/// <summary>Bad model files give a clear, typed error naming the fault, never a crash or a silently wrong model.</summary>
[TestClass]
public sealed class ModelFileErrorTests
{
    private static string _folder = "";
    private static string _good = "";

    [ClassInitialize]
    public static void SaveOnce(TestContext _)
    {
        _folder = Directory.CreateTempSubdirectory("mlvideo-badmodels-").FullName;
        var ml = new MLContext(seed: 1);
        var (model, data) = TinyModels.Fit(ml, ml.MulticlassClassification.Trainers.Tsn(TinyModels.Options(new TsnTrainer.Options(), maxEpoch: 1)), perClass: 4);
        _good = Path.Combine(_folder, "good.zip");
        ml.Model.Save(model, data.Schema, _good);
    }

    [ClassCleanup]
    public static void Cleanup() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void Load_TruncatedZip_Throws()
    {
        string path = Copy("truncated.zip");
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<Exception>(() => new MLContext().Model.Load(path, out _));
        Assert.IsTrue(e is InvalidDataException or FormatException or IOException, $"{e.GetType().Name}: {e.Message}");
    }

    [TestMethod]
    public void Load_MissingWeightsStream_NamesTheStream()
    {
        string path = Copy("noweights.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update)) Entry(zip, "Weights.safetensors").Delete();
        var e = LoadFails(path);
        StringAssert.Contains(e.Message, "Weights.safetensors");
        StringAssert.Contains(e.Message, "missing");
    }

    [TestMethod]
    public void Load_CorruptWeights_NamesTheStream()
    {
        string path = Copy("corruptweights.zip");
        Rewrite(path, "Weights.safetensors", bytes => { for (int i = 0; i < Math.Min(64, bytes.Length); i++) bytes[i] = 0xFF; return bytes; });
        var e = LoadFails(path);
        StringAssert.Contains(e.Message, "Weights.safetensors");
    }

    [TestMethod]
    public void Load_WeightsOfAnotherShape_NamesTheTensor()
    {
        string path = Copy("othershape.zip");
        // Claim 3 classes in the description while the saved fc has 2 rows: the shapes no longer fit.
        Rewrite(path, "Architecture.json", bytes => EditJson(bytes, j => j
            .Replace("\"NumClasses\": 2", "\"NumClasses\": 3")
            .Replace("\"MoveLeft\"", "\"MoveLeft\", \"Extra\"")));
        var e = LoadFails(path);
        StringAssert.Contains(e.Message, "fc");
    }

    [TestMethod]
    public void Load_UnknownMethod_SaysSo()
    {
        string path = Copy("unknownmethod.zip");
        Rewrite(path, "Architecture.json", bytes => EditJson(bytes, j => j.Replace("\"Method\": \"Tsn\"", "\"Method\": \"Teleport\"")));
        var e = LoadFails(path);
        StringAssert.Contains(e.Message, "Architecture.json");
    }

    [TestMethod]
    public void Load_NewerFormatVersion_Refused()
    {
        string path = Copy("newer.zip");
        int changed = 0;
        // ML.NET's Model.key header: the component's 8-character signature at byte 64, then ModelVerWritten (72) and
        // ModelVerReadable (76). Make our classifier's entry claim a format newer than this build can read.
        Rewrite(path, "Model.key", bytes =>
        {
            if (Encoding.ASCII.GetString(bytes, 64, 8) != "MLVACTCL") return bytes;
            BitConverter.GetBytes(0x00020001u).CopyTo(bytes, 72);
            BitConverter.GetBytes(0x00020001u).CopyTo(bytes, 76);
            changed++;
            return bytes;
        });
        Assert.AreEqual(1, changed, "exactly one Model.key is the classifier's");
        var e = LoadFails(path);
        StringAssert.Contains(e.Message, "format");
    }

    /// <summary>
    /// ML.NET calls component loaders by reflection, so (as for its own components) our typed error reaches the
    /// caller as the inner exception of a TargetInvocationException; it must be there, with its message.
    /// </summary>
    private static VideoModelFormatException LoadFails(string path)
    {
        var thrown = Assert.Throws<Exception>(() => new MLContext().Model.Load(path, out _));
        for (Exception? e = thrown; e is not null; e = e.InnerException)
            if (e is VideoModelFormatException typed) return typed;
        Assert.Fail($"expected a VideoModelFormatException inside {thrown.GetType().Name}: {thrown}");
        return null!;
    }

    private static string Copy(string name)
    {
        string path = Path.Combine(_folder, name);
        File.Copy(_good, path, overwrite: true);
        return path;
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string suffix) =>
        zip.Entries.SingleOrDefault(e => e.FullName.EndsWith("/" + suffix, StringComparison.Ordinal))
        ?? throw new AssertFailedException($"no entry ending in {suffix}: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");

    private static void Rewrite(string path, string suffix, Func<byte[], byte[]> edit)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entries = zip.Entries.Where(e => e.FullName.EndsWith(suffix, StringComparison.Ordinal)).ToList();
        if (entries.Count == 0) Assert.Fail($"no entry ending in {suffix}: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        foreach (var entry in entries)
        {
            byte[] bytes;
            using (var s = entry.Open()) { using var m = new MemoryStream(); s.CopyTo(m); bytes = m.ToArray(); }
            string name = entry.FullName;
            entry.Delete();
            using var w = zip.CreateEntry(name).Open();
            w.Write(edit(bytes));
        }
    }

    private static byte[] EditJson(byte[] stream, Func<string, string> edit)
    {
        // The stream is an int32 length followed by UTF-8 JSON.
        string json = Encoding.UTF8.GetString(stream, 4, BitConverter.ToInt32(stream, 0));
        string edited = edit(json);
        if (edited == json) Assert.Fail($"the edit changed nothing in: {json}");
        byte[] body = Encoding.UTF8.GetBytes(edited);
        return [.. BitConverter.GetBytes(body.Length), .. body];
    }
}
