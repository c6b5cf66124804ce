using System.Text.Json;
using MLVideo.Trainers.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Fixtures;

/// <summary>
/// One reference case, read with our own <see cref="SafeTensorsReader"/>: tensors by name, its <c>config</c>, and the
/// README's tolerance rule |ours - ref| &lt;= atol_per_tensor[k] + rtol |ref|.
/// </summary>
internal sealed class FixtureCase
{
    private readonly SafeTensorsFile _file;
    private readonly Dictionary<string, double> _atolPerTensor = new(StringComparer.Ordinal);
    private readonly double _atol;
    private readonly double _rtol;

    public FixtureCase(string name, string path, JsonElement manifestEntry)
    {
        Name = name;
        _file = SafeTensorsReader.Read(path);
        Config = manifestEntry.GetProperty("config");
        var tolerance = manifestEntry.GetProperty("tolerance");
        _rtol = tolerance.GetProperty("rtol").GetDouble();
        _atol = tolerance.GetProperty("atol").GetDouble();
        if (tolerance.TryGetProperty("atol_per_tensor", out var per))
            foreach (var p in per.EnumerateObject()) _atolPerTensor[p.Name] = p.Value.GetDouble();
    }

    public string Name { get; }

    public JsonElement Config { get; }

    public IEnumerable<string> Names => _file.Entries.Select(e => e.Name);

    public bool IsTrainMode => Config.TryGetProperty("mode", out var mode) && mode.GetString() == "train";

    public int Int(string configKey) => Config.GetProperty(configKey).GetInt32();

    public double Double(string configKey) => Config.GetProperty(configKey).GetDouble();

    public Tensor Get(string name)
    {
        if (!_file.Contains(name)) Assert.Fail($"{Name}: the fixture has no tensor '{name}'.");
        return _file.ToTensor(name);
    }

    public long[] ShapeOf(string name) => _file[name].Shape;

    /// <summary>(key, shape) of the <c>prefix.*</c> tensors in file order, without the prefix.</summary>
    public List<(string Key, long[] Shape)> KeysAndShapes(string prefix) =>
        _file.Entries.Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(e => (e.Name[prefix.Length..], e.Shape)).ToList();

    /// <summary>Every <c>param.k</c> and <c>buffer.k</c> as <c>k</c> (the module's state dict).</summary>
    public List<KeyValuePair<string, Tensor>> StateDict() =>
        _file.Entries
            .Where(e => e.Name.StartsWith("param.", StringComparison.Ordinal) || e.Name.StartsWith("buffer.", StringComparison.Ordinal))
            .Select(e => KeyValuePair.Create(e.Name[(e.Name.IndexOf('.') + 1)..], _file.ToTensor(e.Name)))
            .ToList();

    public double AtolFor(string name) => _atolPerTensor.TryGetValue(name, out var a) ? a : _atol;

    /// <summary>Fails with the worst element unless every element meets the README's rule.</summary>
    public void AssertClose(string name, Tensor actual)
    {
        var (worst, ours, reference, atol) = WorstElement(name, actual);
        if (worst >= 0)
            Assert.Fail($"{Name}: {name} differs at flat index {worst}: ours {ours:G9}, PyTorch {reference:G9} (atol {atol:G3}, rtol {_rtol:G3}).");
    }

    /// <summary>
    /// The README's rule, or, for deep input gradients where one ReLU near 0 may flip, a relative L2 error
    /// ||ours - ref|| / ||ref|| of at most <paramref name="maxRelativeL2"/> (the fixtures' inputs were chosen so that
    /// PyTorch's float32 and float64 gradients agree to 1e-4).
    /// </summary>
    public void AssertCloseOrRelativeL2(string name, Tensor actual, double maxRelativeL2 = 1e-4)
    {
        var (worst, ours, reference, atol) = WorstElement(name, actual);
        if (worst < 0) return;
        double relative = RelativeL2(name, actual);
        Assert.IsTrue(relative <= maxRelativeL2,
            $"{Name}: {name} differs at flat index {worst} (ours {ours:G9}, PyTorch {reference:G9}, atol {atol:G3}) and its relative L2 error {relative:G3} exceeds {maxRelativeL2:G3}.");
    }

    public double RelativeL2(string name, Tensor actual)
    {
        using var scope = torch.NewDisposeScope();
        var expected = Get(name).to(float64);
        var ours = actual.detach().cpu().to(float64);
        return (ours - expected).norm().item<double>() / Math.Max(expected.norm().item<double>(), 1e-30);
    }

    private (long Index, double Ours, double Reference, double Atol) WorstElement(string name, Tensor actual)
    {
        using var scope = torch.NewDisposeScope();
        var expected = Get(name);
        CollectionAssert.AreEqual(expected.shape, actual.shape, $"{Name}: shape of {name}");
        double atol = AtolFor(name);
        var e = expected.to(float64).flatten();
        var a = actual.detach().cpu().to(float64).flatten();
        var excess = (a - e).abs() - (atol + _rtol * e.abs());
        excess = torch.where(excess.isnan(), torch.full_like(excess, double.PositiveInfinity), excess);
        long index = excess.argmax().item<long>();
        if (excess[index].item<double>() <= 0) return (-1, 0, 0, atol);
        return (index, a[index].item<double>(), e[index].item<double>(), atol);
    }
}
