using MLVideo.Data;
using MLVideo.Estimators.Tests.Helpers;

namespace MLVideo.Estimators.Tests.Data;

[TestClass]
public sealed class TextLoaderTests
{
    private static string WriteFile(string content)
    {
        string path = Path.Combine(Path.GetTempPath(), "mlvideo-text-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, content);
        return path;
    }

    public sealed class ClipRow
    {
        [LoadColumn(0)]
        public string Path { get; set; } = "";

        [LoadColumn(1)]
        public string Label { get; set; } = "";

        [LoadColumn(2, 4), VectorType(3)]
        public float[] Stats { get; set; } = [];

        [LoadColumn(5)]
        public bool Flipped { get; set; }
    }

    [TestMethod]
    public void LoadFromTextFileOfT_HeaderAndCommas_ParsesColumns()
    {
        string path = WriteFile("path,label,a,b,c,flip\nv1.mp4,run,1,2.5,,true\n\nv2.mp4,\"jump, high\",4,5,6,0\n");
        try
        {
            var ml = new MLVideoContext(1);
            var view = ml.Data.LoadFromTextFile<ClipRow>(path, separatorChar: ',', hasHeader: true, allowQuoting: true);
            Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3), view.Schema["Stats"].Type);
            var rows = ml.Data.CreateEnumerable<ClipRow>(view, reuseRowObject: false).ToList();
            Assert.HasCount(2, rows);
            Assert.AreEqual("v1.mp4", rows[0].Path);
            Assert.AreEqual("jump, high", rows[1].Label);
            Assert.AreEqual(2.5f, rows[0].Stats[1]);
            Assert.IsTrue(float.IsNaN(rows[0].Stats[2]), "an empty Single field is missing (NaN)");
            Assert.IsTrue(rows[0].Flipped);
            Assert.IsFalse(rows[1].Flipped);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void LoadFromTextFile_Columns_DefaultTabSeparator()
    {
        string path = WriteFile("a\t7\t9\nb\t8\t10\n");
        try
        {
            var ml = new MLVideoContext(1);
            var view = ml.Data.LoadFromTextFile(path, [new TextLoader.Column("Name", DataKind.String, 0), new TextLoader.Column("N", DataKind.Int32, 1, 2)]);
            var n = Columns.Read<VBuffer<int>>(view, "N");
            CollectionAssert.AreEqual(new[] { 8, 10 }, n[1].GetValues().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Getter_BadNumber_ThrowsNamingFileLineAndColumn_OnlyWhenColumnIsRead()
    {
        string path = WriteFile("a\tx\n");
        try
        {
            var ml = new MLVideoContext(1);
            var view = ml.Data.LoadFromTextFile(path, [new TextLoader.Column("Name", DataKind.String, 0), new TextLoader.Column("N", DataKind.Single, 1)]);
            Assert.HasCount(1, Columns.Read<ReadOnlyMemory<char>>(view, "Name")); // N is inactive: not parsed
            var e = Assert.ThrowsExactly<FormatException>(() => Columns.Read<float>(view, "N"));
            StringAssert.Contains(e.Message, "line 1");
            StringAssert.Contains(e.Message, "'N'");
            StringAssert.Contains(e.Message, "'x'");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void LoadFromTextFile_MissingFileOrUnsupportedKind_Throws()
    {
        var ml = new MLVideoContext(1);
        Assert.ThrowsExactly<FileNotFoundException>(() => ml.Data.LoadFromTextFile("/nonexistent/file.tsv", [new TextLoader.Column("A", DataKind.String, 0)]));
        Assert.ThrowsExactly<NotSupportedException>(() => new TextLoader.Column("A", DataKind.DateTime, 0));
    }
}
