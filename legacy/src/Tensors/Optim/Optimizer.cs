using System.Globalization;
using System.Text.Json;
using MLVideo.Tensors.Serialization;

namespace MLVideo.Tensors.Optim;

/// <summary>
/// The base of the optimisers, in the shape of <c>torch.optim.Optimizer</c>: parameter groups with their own
/// learning rate, weight decay and momentum; <see cref="ZeroGrad"/>; <see cref="Step"/>; and a resumable state
/// (per-parameter buffers and step counts, plus the groups' settings) saved to and loaded from safetensors.
/// </summary>
/// <remarks>
/// Parameters are numbered across groups in order (0, 1, ...) as in PyTorch's state dict, so the state keys are
/// <c>state.{index}.{buffer}</c> (e.g. <c>state.3.momentum_buffer</c>) and <c>state.{index}.step</c>.
/// A parameter whose <see cref="Tensor.Grad"/> is null is skipped by <see cref="Step"/>.
/// </remarks>
public abstract class Optimizer : IDisposable
{
    private readonly List<ParameterGroup> _groups = new();
    private readonly Dictionary<Tensor, ParameterState> _state = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Tensor> _allParameters = new(ReferenceEqualityComparer.Instance);
    private readonly double _defaultLearningRate;
    private readonly double _defaultWeightDecay;
    private readonly double _defaultMomentum;

    /// <summary>Adds the groups, filling unset settings with the defaults.</summary>
    /// <exception cref="ArgumentException">A parameter appears twice, is not a leaf, or there are no groups.</exception>
    protected Optimizer(IEnumerable<ParameterGroup> groups, double learningRate, double weightDecay, double momentum)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _defaultLearningRate = learningRate;
        _defaultWeightDecay = weightDecay;
        _defaultMomentum = momentum;
        foreach (var g in groups) AddParameterGroup(g);
        if (_groups.Count == 0) throw new ArgumentException($"{GetType().Name}: no parameter groups were given.", nameof(groups));
    }

    /// <summary>The parameter groups, in order.</summary>
    public IReadOnlyList<ParameterGroup> ParameterGroups => _groups;

    /// <summary>The names of the per-parameter buffers this optimiser keeps (PyTorch's names).</summary>
    protected abstract IReadOnlyList<string> StateBufferNames { get; }

    /// <summary>Adds a group (PyTorch's <c>add_param_group</c>), e.g. when unfreezing part of a model.</summary>
    /// <exception cref="ArgumentException">A parameter is already optimised or is not a leaf tensor.</exception>
    public void AddParameterGroup(ParameterGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        foreach (var p in group.Parameters)
        {
            if (!p.IsLeaf) throw new ArgumentException($"{GetType().Name}: can only optimise leaf tensors (got one produced by {p.GradFn!.Name}).", nameof(group));
            if (_allParameters.Contains(p)) throw new ArgumentException($"{GetType().Name}: a parameter {ShapeHelper.Format(p.Shape)} appears in more than one group.", nameof(group));
        }
        foreach (var p in group.Parameters) _allParameters.Add(p);
        group.FillDefaults(_defaultLearningRate, _defaultWeightDecay, _defaultMomentum);
        _groups.Add(group);
    }

    /// <summary>Clears every parameter's gradient (PyTorch's <c>zero_grad(set_to_none=True)</c>).</summary>
    public void ZeroGrad()
    {
        foreach (var g in _groups)
            foreach (var p in g.Parameters) p.ZeroGrad();
    }

    /// <summary>Updates every parameter that has a gradient, group by group.</summary>
    /// <exception cref="ShapeMismatchException">A gradient's shape differs from its parameter's.</exception>
    public void Step()
    {
        foreach (var group in _groups)
            foreach (var p in group.Parameters)
            {
                var grad = p.Grad;
                if (grad is null) continue;
                if (!ShapeHelper.SameShape(grad.Shape, p.Shape))
                    throw new ShapeMismatchException($"{GetType().Name}.Step: gradient {ShapeHelper.Format(grad.Shape)} does not match its parameter {ShapeHelper.Format(p.Shape)}.");
                if (!_state.TryGetValue(p, out var state)) _state.Add(p, state = new ParameterState());
                state.Step++;
                Update(group, p, grad, state);
            }
    }

    /// <summary>Applies one update to <paramref name="parameter"/> in place; <see cref="ParameterState.Step"/> is already incremented.</summary>
    internal abstract void Update(ParameterGroup group, Tensor parameter, Tensor grad, ParameterState state);

    /// <summary>The step count of a parameter (0 before its first update).</summary>
    public long StepCountOf(Tensor parameter) => _state.TryGetValue(parameter, out var s) ? s.Step : 0;

    /// <summary>A state buffer of a parameter by PyTorch name (e.g. <c>momentum_buffer</c>), or null if not created yet.</summary>
    public Tensor? StateBuffer(Tensor parameter, string name) =>
        _state.TryGetValue(parameter, out var s) && s.Buffers.TryGetValue(name, out var b) ? b : null;

    // ---------------------------------------------------------------- state dict

    private IEnumerable<(int Index, Tensor Parameter)> IndexedParameters()
    {
        int i = 0;
        foreach (var g in _groups)
            foreach (var p in g.Parameters) yield return (i++, p);
    }

    /// <summary>
    /// The per-parameter state as tensors: <c>state.{i}.{buffer}</c> and <c>state.{i}.step</c> (0-d float; exact
    /// up to 2^24 steps). The buffers are live references (do not dispose them); the step tensors are new.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        using var _ = TensorScope.Suspend();
        foreach (var (i, p) in IndexedParameters())
        {
            if (!_state.TryGetValue(p, out var s)) continue;
            foreach (var (name, b) in s.Buffers) result.Add($"state.{i}.{name}", b);
            result.Add($"state.{i}.step", Tensor.Scalar(s.Step));
        }
        return result;
    }

    /// <summary>The groups' settings as JSON (PyTorch's <c>param_groups</c>: lr, initial_lr, weight_decay, momentum, params).</summary>
    public string ParameterGroupsJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            int index = 0;
            foreach (var g in _groups)
            {
                w.WriteStartObject();
                w.WriteNumber("lr", g.LearningRate);
                if (g.InitialLearningRate is double initial) w.WriteNumber("initial_lr", initial);
                w.WriteNumber("weight_decay", g.WeightDecay);
                w.WriteNumber("momentum", g.Momentum);
                w.WriteStartArray("params");
                foreach (var _ in g.Parameters) w.WriteNumberValue(index++);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Restores the state saved by <see cref="StateDict"/> (and optionally the groups' settings) for the same
    /// parameters in the same order. The values are copied; the given tensors are only read.
    /// </summary>
    /// <exception cref="InvalidDataException">A key names an unknown parameter or buffer, a shape differs, or the groups do not match.</exception>
    public void LoadStateDict(IEnumerable<KeyValuePair<string, Tensor>> state, string? parameterGroupsJson = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var parameters = IndexedParameters().Select(ip => ip.Parameter).ToArray();
        var loaded = new Dictionary<Tensor, ParameterState>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var (key, tensor) in state)
            {
                var parts = key.Split('.');
                if (parts.Length != 3 || parts[0] != "state" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                    throw new InvalidDataException($"{GetType().Name}: optimiser state key '{key}' is not of the form state.<index>.<name>.");
                if (index >= parameters.Length)
                    throw new InvalidDataException($"{GetType().Name}: state key '{key}' names parameter {index}, but the optimiser has {parameters.Length}.");
                var p = parameters[index];
                if (!loaded.TryGetValue(p, out var s)) loaded.Add(p, s = new ParameterState());
                string name = parts[2];
                if (name == "step")
                {
                    if (tensor.Count != 1) throw new InvalidDataException($"{GetType().Name}: '{key}' must hold one value, got {ShapeHelper.Format(tensor.Shape)}.");
                    s.Step = (long)tensor.Data[0];
                    continue;
                }
                if (!StateBufferNames.Contains(name))
                    throw new InvalidDataException($"{GetType().Name}: unknown state buffer '{name}' in '{key}' (expected {string.Join(", ", StateBufferNames)}).");
                if (!ShapeHelper.SameShape(tensor.Shape, p.Shape))
                    throw new InvalidDataException($"{GetType().Name}: '{key}' has shape {ShapeHelper.Format(tensor.Shape)} but parameter {index} is {ShapeHelper.Format(p.Shape)}.");
                var copy = Tensor.FromArray(tensor.Data, tensor.ShapeArray).MoveToOuterScopeFully();
                s.Buffers.Add(name, copy);
            }
            if (parameterGroupsJson is not null) ApplyGroupsJson(parameterGroupsJson);
        }
        catch
        {
            foreach (var s in loaded.Values) s.Dispose();
            throw;
        }
        foreach (var s in _state.Values) s.Dispose();
        _state.Clear();
        foreach (var (p, s) in loaded) _state.Add(p, s);
    }

    private void ApplyGroupsJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var groups = doc.RootElement;
        if (groups.ValueKind != JsonValueKind.Array || groups.GetArrayLength() != _groups.Count)
            throw new InvalidDataException($"{GetType().Name}: saved state has {(groups.ValueKind == JsonValueKind.Array ? groups.GetArrayLength() : 0)} parameter groups, the optimiser has {_groups.Count}.");
        for (int i = 0; i < _groups.Count; i++)
        {
            var g = groups[i];
            int count = g.GetProperty("params").GetArrayLength();
            if (count != _groups[i].Parameters.Count)
                throw new InvalidDataException($"{GetType().Name}: saved group {i} has {count} parameters, the optimiser's has {_groups[i].Parameters.Count}.");
        }
        for (int i = 0; i < _groups.Count; i++)
        {
            var g = groups[i];
            _groups[i].LearningRate = g.GetProperty("lr").GetDouble();
            _groups[i].WeightDecay = g.GetProperty("weight_decay").GetDouble();
            _groups[i].Momentum = g.GetProperty("momentum").GetDouble();
            _groups[i].InitialLearningRate = g.TryGetProperty("initial_lr", out var initial) ? initial.GetDouble() : null;
        }
    }

    /// <summary>Saves <see cref="StateDict"/> and the groups' settings (metadata <c>param_groups</c>, <c>optimizer</c>) to a safetensors file.</summary>
    public void Save(string path)
    {
        var tensors = StateDict();
        try
        {
            var metadata = new Dictionary<string, string> { ["optimizer"] = GetType().Name, ["param_groups"] = ParameterGroupsJson() };
            SafeTensors.Save(path, tensors, metadata);
        }
        finally
        {
            foreach (var (key, t) in tensors)
                if (key.EndsWith(".step", StringComparison.Ordinal)) t.Dispose();
        }
    }

    /// <summary>Loads a file written by <see cref="Save"/> into an optimiser of the same type over the same parameters.</summary>
    /// <exception cref="InvalidDataException">The file was written by another optimiser type or does not match.</exception>
    public void Load(string path)
    {
        var file = SafeTensors.Load(path);
        if (file.Metadata.TryGetValue("optimizer", out var type) && type != GetType().Name)
            throw new InvalidDataException($"'{path}' holds {type} state, not {GetType().Name} state.");
        var tensors = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var e in file.Entries) tensors.Add(e.Name, e.ToTensor());
            LoadStateDict(tensors, file.Metadata.TryGetValue("param_groups", out var json) ? json : null);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>Frees the state buffers (not the parameters).</summary>
    public void Dispose()
    {
        foreach (var s in _state.Values) s.Dispose();
        _state.Clear();
        GC.SuppressFinalize(this);
    }
}
