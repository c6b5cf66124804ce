using System.IO.Compression;
using System.Text;
using MLVideo.Data;
using MLVideo.Estimators.Tests.Helpers;
using MLVideo.Model;

namespace MLVideo.Estimators.Tests.Model;

[TestClass]
public sealed class ModelFileTests
{
    private static readonly MLVideoContext Ml = new(seed: 1);
    private string _folder = "";

    [ClassInitialize]
    public static void RegisterTestSteps(TestContext _) => ScaleTransformer.Register();

    [TestInitialize]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "mlvideo-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static IDataView Data() => Ml.Data.LoadFromEnumerable(new[]
    {
        new ClipRow { Label = "run", Features = [1, 2, 3] },
        new ClipRow { Label = "jump", Features = [4, 5, 6] },
        new ClipRow { Label = "swim", Features = [7, 8, 9] },
        new ClipRow { Label = "run", Features = [0.5f, -1, 2] },
    });

    private static ITransformer TrainModel(IDataView data, bool failWhileSaving = false) =>
        Ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label")
            .Fit(data)
            .Append(new ScaleTransformer("Scaled", "Features", [0.5f, 2f, -1f]) { FailWhileSaving = failWhileSaving })
            .Append(Ml.Transforms.Conversion.MapKeyToValue("LabelBack", "LabelKey").Fit(Ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label").Fit(data).Transform(data)));

    private string ModelPath => Path.Combine(_folder, "model.zip");

    private byte[] SavedBytes()
    {
        var data = Data();
        Ml.Model.Save(TrainModel(data), data.Schema, ModelPath);
        return File.ReadAllBytes(ModelPath);
    }

    private static void AssertSameOutputs(IDataView expected, IDataView actual)
    {
        CollectionAssert.AreEqual(Columns.Read<uint>(expected, "LabelKey"), Columns.Read<uint>(actual, "LabelKey"));
        CollectionAssert.AreEqual(Columns.Read<ReadOnlyMemory<char>>(expected, "LabelBack").Select(m => m.ToString()).ToList(),
            Columns.Read<ReadOnlyMemory<char>>(actual, "LabelBack").Select(m => m.ToString()).ToList());
        var e = Columns.Read<VBuffer<float>>(expected, "Scaled").SelectMany(v => v.GetValues().ToArray()).ToArray();
        var a = Columns.Read<VBuffer<float>>(actual, "Scaled").SelectMany(v => v.GetValues().ToArray()).ToArray();
        CollectionAssert.AreEqual(e, a);
        CollectionAssert.AreEqual(expected.Schema["LabelKey"].GetKeyValueStrings(), actual.Schema["LabelKey"].GetKeyValueStrings());
    }

    [TestMethod]
    public void SaveLoad_File_IdenticalOutputsAndSchema()
    {
        var data = Data();
        var model = TrainModel(data);
        Ml.Model.Save(model, data.Schema, ModelPath);
        var loaded = Ml.Model.Load(ModelPath, out var schema);
        Assert.AreEqual(data.Schema.Count, schema.Count);
        for (int i = 0; i < schema.Count; i++)
        {
            Assert.AreEqual(data.Schema[i].Name, schema[i].Name);
            Assert.AreEqual(data.Schema[i].Type, schema[i].Type);
        }
        AssertSameOutputs(model.Transform(data), loaded.Transform(data));
        Assert.IsEmpty(Directory.GetFiles(_folder).Where(f => f != ModelPath), "a temporary file was left behind");
    }

    [TestMethod]
    public void SaveLoad_Stream_IdenticalOutputs()
    {
        var data = Data();
        var model = TrainModel(data);
        using var stream = new MemoryStream();
        Ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        AssertSameOutputs(model.Transform(data), Ml.Model.Load(stream, out _).Transform(data));
    }

    [TestMethod]
    public void Save_Layout_ManifestStepsSchemaAndTensors()
    {
        var bytes = SavedBytes();
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        CollectionAssert.IsSubsetOf(new[]
        {
            "manifest.json", "schema.json",
            "steps/000-ValueToKeyMapping/step.json",
            "steps/001-Test.Scale/step.json", "steps/001-Test.Scale/tensors.safetensors",
            "steps/002-KeyToValueMapping/step.json",
        }, names.ToArray());
        string manifest = ZipBuilder.ReadEntry(bytes, "manifest.json");
        StringAssert.Contains(manifest, "\"Format\": \"MLVideo.Model\"");
        StringAssert.Contains(manifest, "\"FormatVersion\": 1");
        StringAssert.Contains(manifest, "\"LibraryVersion\"");
        StringAssert.Contains(ZipBuilder.ReadEntry(bytes, "steps/000-ValueToKeyMapping/step.json"), "\"run\"");
        var tensors = zip.GetEntry("steps/001-Test.Scale/tensors.safetensors")!;
        Assert.AreEqual(tensors.Length, tensors.CompressedLength, "tensors are stored uncompressed");
    }

    [TestMethod]
    public void Save_LabelNames_FromPredictedLabelOrLabelKeyValues()
    {
        var data = Data();
        var model = Ml.Transforms.Conversion.MapValueToKey("Label").Fit(data);
        using var stream = new MemoryStream();
        Ml.Model.Save(model, data.Schema, stream);
        string manifest = ZipBuilder.ReadEntry(stream.ToArray(), "manifest.json");
        StringAssert.Contains(manifest.Replace(" ", "").Replace("\n", "").Replace("\r", ""), "\"LabelNames\":[\"run\",\"jump\",\"swim\"]");
    }

    [TestMethod]
    public void Load_Truncated_ThrowsClearError()
    {
        var bytes = SavedBytes();
        File.WriteAllBytes(ModelPath, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        var e = Assert.ThrowsExactly<ModelFormatException>(() => Ml.Model.Load(ModelPath, out _));
        StringAssert.Contains(e.Message, "truncated or corrupted");
        StringAssert.Contains(e.Message, ModelPath);
    }

    [TestMethod]
    public void Load_CorruptedTensorBytes_ThrowsClearError()
    {
        var bytes = SavedBytes();
        // The tensors are stored uncompressed: find the first weight (0.5f) and damage it.
        int at = bytes.AsSpan().IndexOf(BitConverter.GetBytes(0.5f).Concat(BitConverter.GetBytes(2f)).ToArray());
        Assert.IsGreaterThan(0, at, "the stored weights were not found in the file");
        bytes[at + 1] ^= 0x5A;
        File.WriteAllBytes(ModelPath, bytes);
        var e = Assert.ThrowsExactly<ModelFormatException>(() => Ml.Model.Load(ModelPath, out _));
        StringAssert.Contains(e.Message, "corrupted");
        StringAssert.Contains(e.Message, "tensors.safetensors");
    }

    [TestMethod]
    public void Load_CorruptedCompressedJson_ThrowsClearError()
    {
        var bytes = SavedBytes();
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
            Assert.IsNotNull(zip.GetEntry("manifest.json"));
        // Damage the middle of the file's deflated entries (everything before the central directory).
        int centralDirectory = bytes.AsSpan().LastIndexOf("PK\u0001\u0002"u8);
        for (int i = 40; i < centralDirectory - 40; i += 97) bytes[i] ^= 0xFF;
        File.WriteAllBytes(ModelPath, bytes);
        var e = Assert.ThrowsExactly<ModelFormatException>(() => Ml.Model.Load(ModelPath, out _));
        Assert.IsTrue(e.Message.Contains("corrupted") || e.Message.Contains("not valid JSON") || e.Message.Contains("truncated"), e.Message);
    }

    [TestMethod]
    public void Load_PathTraversalEntry_Rejected()
    {
        var bytes = ZipBuilder.Rewrite(SavedBytes(), "../x", Encoding.UTF8.GetBytes("evil"));
        File.WriteAllBytes(ModelPath, bytes);
        var e = Assert.ThrowsExactly<ModelFormatException>(() => Ml.Model.Load(ModelPath, out _));
        StringAssert.Contains(e.Message, "unsafe entry path '../x'");
        foreach (var name in new[] { "/etc/passwd", "a/../../b", "C:/x", "a\\b" })
        {
            File.WriteAllBytes(ModelPath, ZipBuilder.Rewrite(SavedBytes(), name, [1]));
            Assert.ThrowsExactly<ModelFormatException>(() => Ml.Model.Load(ModelPath, out _), name);
        }
    }

    [TestMethod]
    public void Load_ZipBombEntry_RejectedBeforeReading()
    {
        var bomb = new byte[32 << 20]; // 32 MiB of zeros deflates to about 32 KiB
        var bytes = ZipBuilder.Rewrite(SavedBytes(), "steps/000-ValueToKeyMapping/padding.json", bomb);
        File.WriteAllBytes(ModelPath, bytes);
        var e = Assert.ThrowsExactly<ModelFormatException>(() => Ml.Model.Load(ModelPath, out _));
        StringAssert.Contains(e.Message, "zip bomb");
    }

    [TestMethod]
    public void Load_ForeignZip_Rejected()
    {
        File.WriteAllBytes(ModelPath, ZipBuilder.Build(ZipBuilder.Text("hello.txt", "hi")));
        var e = Assert.ThrowsExactly<ModelFormatException>(() => Ml.Model.Load(ModelPath, out _));
        StringAssert.Contains(e.Message, "is not an MLVideo model file");
        File.WriteAllBytes(ModelPath, ZipBuilder.Build(ZipBuilder.Text("manifest.json", "{\"Format\":\"Other\",\"FormatVersion\":1}")));
        var other = Assert.ThrowsExactly<ModelFormatException>(() => Ml.Model.Load(ModelPath, out _));
        StringAssert.Contains(other.Message, "format is 'Other'");
        File.WriteAllBytes(ModelPath, Encoding.UTF8.GetBytes("not a zip at all"));
        Assert.ThrowsExactly<ModelFormatException>(() => Ml.Model.Load(ModelPath, out _));
    }

    [TestMethod]
    public void Load_UnregisteredStepKind_RejectedNamingKind()
    {
        var bytes = SavedBytes();
        string manifest = ZipBuilder.ReadEntry(bytes, "manifest.json").Replace("steps/000-ValueToKeyMapping/", "steps/000-ProcessStart/").Replace("\"Kind\": \"ValueToKeyMapping\"", "\"Kind\": \"ProcessStart\"");
        string step = ZipBuilder.ReadEntry(bytes, "steps/000-ValueToKeyMapping/step.json").Replace("\"Kind\": \"ValueToKeyMapping\"", "\"Kind\": \"ProcessStart\"");
        bytes = ZipBuilder.Rewrite(bytes, "manifest.json", Encoding.UTF8.GetBytes(manifest));
        bytes = ZipBuilder.Rewrite(bytes, "steps/000-ProcessStart/step.json", Encoding.UTF8.GetBytes(step), "steps/000-ValueToKeyMapping/step.json");
        File.WriteAllBytes(ModelPath, bytes);
        var e = Assert.ThrowsExactly<ModelFormatException>(() => Ml.Model.Load(ModelPath, out _));
        StringAssert.Contains(e.Message, "step kind 'ProcessStart' is not registered");
    }

    [TestMethod]
    public void Load_NewerStepVersion_Rejected()
    {
        var bytes = SavedBytes();
        string manifest = ZipBuilder.ReadEntry(bytes, "manifest.json");
        string step = ZipBuilder.ReadEntry(bytes, "steps/000-ValueToKeyMapping/step.json");
        int at = manifest.IndexOf("\"Version\": 1", StringComparison.Ordinal);
        manifest = manifest[..at] + "\"Version\": 9" + manifest[(at + 12)..];
        bytes = ZipBuilder.Rewrite(bytes, "manifest.json", Encoding.UTF8.GetBytes(manifest));
        bytes = ZipBuilder.Rewrite(bytes, "steps/000-ValueToKeyMapping/step.json", Encoding.UTF8.GetBytes(step.Replace("\"Version\": 1", "\"Version\": 9")));
        File.WriteAllBytes(ModelPath, bytes);
        var e = Assert.ThrowsExactly<ModelFormatException>(() => Ml.Model.Load(ModelPath, out _));
        StringAssert.Contains(e.Message, "version 9");
    }

    [TestMethod]
    public void Save_CrashMidway_PreviousFileIntactAndNoTempFile()
    {
        var before = SavedBytes();
        var data = Data();
        Assert.ThrowsExactly<IOException>(() => Ml.Model.Save(TrainModel(data, failWhileSaving: true), data.Schema, ModelPath));
        CollectionAssert.AreEqual(before, File.ReadAllBytes(ModelPath), "the previous model file was changed");
        CollectionAssert.AreEqual(new[] { ModelPath }, Directory.GetFiles(_folder), "a temporary file was left behind");
        Ml.Model.Load(ModelPath, out _); // still loadable
    }

    [TestMethod]
    public void Save_StepWithoutIModelStep_ThrowsNamingIt()
    {
        var data = Data();
        var e = Assert.ThrowsExactly<NotSupportedException>(() => Ml.Model.Save(new AddConstantTransformer("Y", "X", 1), data.Schema, ModelPath));
        StringAssert.Contains(e.Message, "AddConstantTransformer");
        Assert.IsFalse(File.Exists(ModelPath));
    }

    [TestMethod]
    public void Registry_LibraryKinds_RegisteredThroughProvider()
    {
        CollectionAssert.IsSubsetOf(new[] { "KeyToValueMapping", "ValueToKeyMapping" }, ModelStepRegistry.RegisteredKinds.ToArray());
        Assert.ThrowsExactly<ArgumentException>(() => ModelStepRegistry.Register("../evil", 1, _ => throw new InvalidOperationException()));
    }
}
