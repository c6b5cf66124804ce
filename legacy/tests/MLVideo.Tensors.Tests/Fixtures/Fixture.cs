using System.Text.Json;
using MLVideo.Tensors;
using MLVideo.Tensors.Serialization;

namespace MLVideo.Tensors.Tests.Fixtures;

/// <summary>
/// One PyTorch reference case (see ../shared/fixtures/README.md): inputs, parameters, outputs and
/// gradients, with the per-tensor tolerance derived from PyTorch's own float32-vs-float64 error.
/// </summary>
public sealed class Fixture
{
    private readonly SafeTensorsFile _file;
    private readonly Dictionary<string, double> _atolPerTensor = new();
    private readonly double _atol;
    private readonly double _rtol;

    private Fixture(string name, SafeTensorsFile file)
    {
        Name = name;
        _file = file;
        using var tol = JsonDocument.Parse(file.Metadata["tolerance"]);
        _rtol = tol.RootElement.GetProperty("rtol").GetDouble();
        _atol = tol.RootElement.GetProperty("atol").GetDouble();
        if (tol.RootElement.TryGetProperty("atol_per_tensor", out var per))
            foreach (var p in per.EnumerateObject()) _atolPerTensor[p.Name] = p.Value.GetDouble();
        Config = JsonDocument.Parse(file.Metadata.TryGetValue("config", out var c) ? c : "{}").RootElement.Clone();
    }

    /// <summary>The case name (file name without extension).</summary>
    public string Name { get; }

    /// <summary>The case's hyper-parameters.</summary>
    public JsonElement Config { get; }

    /// <summary>All tensor names of the case.</summary>
    public IEnumerable<string> Names => _file.Names;

    /// <summary>Loads a small case copied into the test project's TestData/fixtures.</summary>
    public static Fixture Load(string caseName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "fixtures", caseName + ".safetensors");
        if (!File.Exists(path))
            Assert.Fail($"Fixture '{caseName}' is missing: expected {path} (copy it from ../shared/fixtures into tests/.../TestData/fixtures).");
        return new Fixture(caseName, SafeTensors.Load(path));
    }

    /// <summary>
    /// Loads a large case straight from the shared fixtures folder (MLVIDEO_SHARED_FIXTURES, or a
    /// <c>shared/fixtures</c> folder next to an ancestor of the test binaries). Fails loudly if absent.
    /// </summary>
    public static Fixture LoadShared(string caseName)
    {
        string? dir = SharedFixturesDirectory();
        if (dir is null)
            Assert.Fail($"Shared fixture '{caseName}' needs the ../shared/fixtures folder (or MLVIDEO_SHARED_FIXTURES); it was not found.");
        string path = Path.Combine(dir!, caseName + ".safetensors");
        if (!File.Exists(path)) Assert.Fail($"Shared fixture file {path} is missing.");
        return new Fixture(caseName, SafeTensors.Load(path));
    }

    private static string? SharedFixturesDirectory()
    {
        string? env = Environment.GetEnvironmentVariable("MLVIDEO_SHARED_FIXTURES");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>True if the case has a tensor of that name.</summary>
    public bool Has(string name) => _file.Contains(name);

    /// <summary>A float32 tensor of the case (e.g. <c>in.x</c>, <c>param.weight</c>).</summary>
    public Tensor Get(string name) => _file.GetTensor(name);

    /// <summary>An integer tensor of the case (I64 indices, masks, targets).</summary>
    public long[] GetInt64(string name) => _file[name].ToInt64();

    /// <summary>The shape of a tensor of the case.</summary>
    public int[] ShapeOf(string name) => _file[name].Shape;

    /// <summary>Parameter keys (without the <c>param.</c> prefix) in file order.</summary>
    public IEnumerable<string> ParamKeys => _file.Names.Where(n => n.StartsWith("param.", StringComparison.Ordinal)).Select(n => n["param.".Length..]);

    /// <summary>Absolute tolerance for a tensor (per-tensor if given, else the case's largest).</summary>
    public double AtolFor(string name) => _atolPerTensor.TryGetValue(name, out var a) ? a : _atol;

    /// <summary>
    /// Asserts |ours - ref| &lt;= atol_k + rtol * |ref| elementwise for the named reference tensor,
    /// the rule stated in the fixtures README; reports the worst element on failure.
    /// </summary>
    public void AssertClose(string name, Tensor actual, double atolScale = 1.0)
    {
        using var expected = Get(name);
        CollectionAssert.AreEqual(expected.ShapeArray, actual.ShapeArray, $"{Name}: shape of {name}");
        double atol = AtolFor(name) * atolScale;
        var e = expected.Data;
        var a = actual.Data;
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.Length; i++)
        {
            double diff = Math.Abs((double)a[i] - e[i]);
            double allowed = atol + _rtol * Math.Abs(e[i]);
            if (!(diff <= allowed) && (worst < 0 || diff - allowed > worstExcess || double.IsNaN(diff)))
            {
                worst = i;
                worstExcess = double.IsNaN(diff) ? double.PositiveInfinity : diff - allowed;
            }
        }
        if (worst >= 0)
            Assert.Fail($"{Name}: {name} differs at flat index {worst}: ours {a[worst]:G9}, PyTorch {e[worst]:G9} (atol {atol:G3}, rtol {_rtol:G3}).");
    }

    /// <summary>Asserts the relative L2 error ||ours - ref|| / ||ref|| is at most <paramref name="maxRelative"/>.</summary>
    public void AssertRelativeL2(string name, Tensor actual, double maxRelative)
    {
        using var expected = Get(name);
        CollectionAssert.AreEqual(expected.ShapeArray, actual.ShapeArray, $"{Name}: shape of {name}");
        double num = 0, den = 0;
        var e = expected.Data;
        var a = actual.Data;
        for (int i = 0; i < e.Length; i++)
        {
            double d = (double)a[i] - e[i];
            num += d * d;
            den += (double)e[i] * e[i];
        }
        double rel = Math.Sqrt(num) / Math.Max(Math.Sqrt(den), 1e-30);
        Assert.IsTrue(rel <= maxRelative, $"{Name}: {name} relative L2 error {rel:G3} exceeds {maxRelative:G3}.");
    }

    /// <summary>Asserts integer outputs match exactly.</summary>
    public void AssertEqualInt64(string name, ReadOnlySpan<long> actual)
    {
        long[] expected = GetInt64(name);
        CollectionAssert.AreEqual(expected, actual.ToArray(), $"{Name}: {name}");
    }
}
