using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Weights;

/// <summary>
/// Loads weights into a model from a safetensors file or a PyTorch <c>.pt</c>/<c>.pth</c> file (recognised by content,
/// not by extension), mapping keys with <see cref="StateDictKeyMapper"/> and reporting every missing, unexpected and
/// mis-shaped key by name. Strict imports copy nothing unless everything fits; non-strict imports copy the keys that
/// fit (e.g. everything but a classifier trained for another class count). <c>num_batches_tracked</c> buffers absent
/// from the file keep their value.
/// </summary>
public static class StateDictImporter
{
    private const string BatchCounterSuffix = "num_batches_tracked";

    /// <summary>Imports the file at <paramref name="path"/> into <paramref name="model"/>.</summary>
    /// <param name="model">The model to fill (any device; values are copied onto it).</param>
    /// <param name="path">A safetensors or PyTorch zip-format file.</param>
    /// <param name="strict">True: any missing, unexpected or mis-shaped key throws and nothing is copied.</param>
    /// <exception cref="StateDictMismatchException">Strict import found a difference (the message names the file and the keys).</exception>
    /// <exception cref="SafeTensorsFormatException">A safetensors file is malformed.</exception>
    /// <exception cref="InvalidDataException">The file is neither format, or a PyTorch file cannot be read.</exception>
    public static StateDictImportReport Import(nn.Module model, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var scope = torch.NewDisposeScope();
        return Import(model, ReadStateDict(path), path, strict);
    }

    /// <summary>Imports in-memory tensors; <paramref name="sourceName"/> names them in the report and errors.</summary>
    public static StateDictImportReport Import(nn.Module model, IEnumerable<KeyValuePair<string, Tensor>> source, string sourceName, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        var target = model.state_dict();
        var modelKeys = new HashSet<string>(target.Keys, StringComparer.Ordinal);
        var plan = new List<(Tensor Target, Tensor Value)>();
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        var loaded = new List<string>();
        var unexpected = new List<string>();
        var misShaped = new List<MisShapedKey>();
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var (fileKey, value) in source)
        {
            string key = StateDictKeyMapper.Map(fileKey, modelKeys);
            if (key != fileKey) renamed[fileKey] = key;
            if (!target.TryGetValue(key, out var destination) || !assigned.Add(key))
            {
                unexpected.Add(fileKey);
                continue;
            }
            if (!destination.shape.SequenceEqual(value.shape))
            {
                misShaped.Add(new MisShapedKey(key, destination.shape, value.shape));
                continue;
            }
            plan.Add((destination, value));
            loaded.Add(key);
        }
        var missing = target.Keys
            .Where(k => !assigned.Contains(k) && !k.EndsWith(BatchCounterSuffix, StringComparison.Ordinal))
            .ToList();
        var report = new StateDictImportReport(sourceName, loaded, missing, unexpected, misShaped, renamed);
        if (strict && !report.IsExact) throw new StateDictMismatchException(report);

        using var noGrad = torch.no_grad();
        foreach (var (destination, value) in plan) destination.copy_(value);
        return report;
    }

    /// <summary>The tensors of a safetensors or PyTorch file (new CPU tensors the caller owns), in file order.</summary>
    public static List<KeyValuePair<string, Tensor>> ReadStateDict(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (IsZip(path)) return PyTorchCheckpointReader.Read(path);
        using var file = SafeTensorsReader.Open(path);
        return file.ToTensors();
    }

    /// <summary>PyTorch's format is a zip archive ("PK\x03\x04"); everything else is read as safetensors.</summary>
    private static bool IsZip(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return stream.Read(magic) == 4 && magic[0] == 0x50 && magic[1] == 0x4B && magic[2] == 0x03 && magic[3] == 0x04;
    }
}
