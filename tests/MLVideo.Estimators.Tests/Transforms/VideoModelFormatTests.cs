using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using MLVideo.Estimators.Tests.Transforms.Support;

namespace MLVideo.Estimators.Tests.Transforms;

/// <summary>Saved video steps carry a format version; a model written by a newer MLVideo is refused with an error naming the step.</summary>
[TestClass]
public sealed class VideoModelFormatTests
{
    // ML.NET's model header (Microsoft.ML.Core ModelHeader): the component's 8-character signature at 0x40, then the
    // format version it was written in (0x48) and the oldest version that can read it (0x4C).
    private const int ModelSignatureOffset = 0x40, VerWrittenOffset = 0x48, VerReadableOffset = 0x4C;

    [TestMethod]
    public void Load_StepSavedInANewerFormat_ThrowsNamingTheStepAndTheVersions()
    {
        string folder = SampleVideos.NewTempFolder();
        try
        {
            string file = Path.Combine(folder, "model.zip");
            var ml = new MLContext(seed: 1);
            IDataView data = ml.Data.LoadFromEnumerable(new[] { new MLVideo.Data.VideoFolderRow { VideoPath = "a.mp4", Label = "x" } });
            ITransformer model = ml.Transforms.LoadVideo().Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(8))).Fit(data);
            ml.Model.Save(model, data.Schema, file);
            Assert.AreEqual(1, RewriteVersion(file, "MLVSAMPL", 0x00020001), "exactly one SampleFrames entry in the zip");

            // ML.NET calls loaders by reflection, so our FormatException arrives inside TargetInvocationExceptions.
            var e = Assert.Throws<Exception>(() => new MLContext().Model.Load(file, out _));
            string messages = string.Join(" | ", Chain(e).Select(x => x.GetType().Name + ": " + x.Message));
            StringAssert.Contains(messages, "SampleFrames");
            StringAssert.Contains(messages, "0x00020001");
            StringAssert.Contains(messages, "newer than this MLVideo reads");
            Assert.IsTrue(Chain(e).Any(x => x is FormatException), messages);
        }
        finally { Directory.Delete(folder, true); }
    }

    [TestMethod]
    public void Load_UnchangedModel_Loads()
    {
        string folder = SampleVideos.NewTempFolder();
        try
        {
            string file = Path.Combine(folder, "model.zip");
            var ml = new MLContext(seed: 1);
            IDataView data = ml.Data.LoadFromEnumerable(new[] { new MLVideo.Data.VideoFolderRow { VideoPath = "a.mp4", Label = "x" } });
            ml.Model.Save(ml.Transforms.LoadVideo().Fit(data), data.Schema, file);
            Assert.AreEqual(1, RewriteVersion(file, "MLVLOADV", null));
            Assert.IsNotNull(new MLContext().Model.Load(file, out _));
        }
        finally { Directory.Delete(folder, true); }
    }

    /// <summary>Sets the written and readable versions of every entry with <paramref name="signature"/> (null: leaves them); returns the count.</summary>
    private static int RewriteVersion(string zipFile, string signature, uint? version)
    {
        ulong wanted = BinaryPrimitives.ReadUInt64LittleEndian(Encoding.ASCII.GetBytes(signature));
        int found = 0;
        using var zip = ZipFile.Open(zipFile, ZipArchiveMode.Update);
        foreach (var entry in zip.Entries.ToList())
        {
            byte[] bytes;
            using (var s = entry.Open())
            using (var m = new MemoryStream())
            {
                s.CopyTo(m);
                bytes = m.ToArray();
            }
            if (bytes.Length < 0x100 || BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(ModelSignatureOffset)) != wanted) continue;
            found++;
            if (version is not uint v) continue;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(VerWrittenOffset), v);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(VerReadableOffset), v);
            string name = entry.FullName;
            entry.Delete();
            using var output = zip.CreateEntry(name).Open();
            output.Write(bytes);
        }
        return found;
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
    }
}
