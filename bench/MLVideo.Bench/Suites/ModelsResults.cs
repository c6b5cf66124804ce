using MLVideo.Bench.Harness;

namespace MLVideo.Bench.Suites;

/// <summary>The measurements of a run, by contender and method, and the figures reported from them.</summary>
public sealed class ModelsResults
{
    private readonly Dictionary<(string Contender, string Method), List<Measurement>> _byCase = [];

    /// <summary>Adds one child's measurement.</summary>
    public void Add(Measurement m)
    {
        if (!_byCase.TryGetValue((m.Contender, m.Method), out var list)) _byCase[(m.Contender, m.Method)] = list = [];
        list.Add(m);
    }

    /// <summary>True when <paramref name="contender"/> measured <paramref name="method"/> at least once.</summary>
    public bool Has(string contender, string method) => _byCase.ContainsKey((contender, method));

    /// <summary>Each round's median inference time (ms) over the rounds.</summary>
    public Figure Inference(string contender, string method) => Over(contender, method, m => Timing.Median(m.InferenceMs));

    /// <summary>Each round's median training-step time (ms, one step of 2 clips) over the rounds.</summary>
    public Figure TrainingStep(string contender, string method) => Over(contender, method, m => Timing.Median(m.TrainStepMs));

    /// <summary>The process's peak resident memory (MiB) over the rounds.</summary>
    public Figure PeakRss(string contender, string method) => Over(contender, method, m => m.PeakRssMiB);

    /// <summary>The process's peak resident memory after the inference phase (MiB) over the rounds.</summary>
    public Figure PeakRssAfterInference(string contender, string method) => Over(contender, method, m => m.PeakRssAfterInferenceMiB);

    /// <summary>The runtime a contender reported (e.g. "torch 1.13.0a0").</summary>
    public string? Runtime(string contender) => _byCase.Where(kv => kv.Key.Contender == contender).Select(kv => kv.Value[0].Runtime).FirstOrDefault();

    private Figure Over(string contender, string method, Func<Measurement, double> value)
    {
        var values = _byCase[(contender, method)].Select(value).ToArray();
        return new Figure(values.Min(), Timing.Median(values), values.Max());
    }
}
