using System.IO.Compression;
using System.Text;

namespace MLVideo.Estimators.Tests.Helpers;

/// <summary>Builds hand-made zip files for the model loader's rejection tests.</summary>
public static class ZipBuilder
{
    public static byte[] Build(params (string Name, byte[] Content, CompressionLevel Level)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, level) in entries)
            {
                using var s = zip.CreateEntry(name, level).Open();
                s.Write(content);
            }
        }
        return memory.ToArray();
    }

    public static (string, byte[], CompressionLevel) Text(string name, string content) => (name, Encoding.UTF8.GetBytes(content), CompressionLevel.Optimal);

    /// <summary>A copy of <paramref name="zip"/> with entry <paramref name="name"/> replaced (or added) and <paramref name="drop"/> removed.</summary>
    public static byte[] Rewrite(byte[] zip, string name, byte[] content, params string[] drop)
    {
        var entries = new List<(string, byte[], CompressionLevel)>();
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        {
            foreach (var e in source.Entries)
            {
                if (e.FullName == name || drop.Contains(e.FullName)) continue;
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                entries.Add((e.FullName, m.ToArray(), CompressionLevel.Optimal));
            }
        }
        entries.Add((name, content, CompressionLevel.Optimal));
        return Build(entries.ToArray());
    }

    public static string ReadEntry(byte[] zip, string name)
    {
        using var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var reader = new StreamReader(source.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
