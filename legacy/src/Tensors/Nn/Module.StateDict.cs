using MLVideo.Tensors.Serialization;

namespace MLVideo.Tensors.Nn;

public abstract partial class Module
{
    /// <summary>
    /// The module's state as PyTorch's <c>state_dict()</c>: for each module, its parameters, then its persistent
    /// buffers (BatchNorm's <c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c>, the last stored as
    /// float32), then each child under <c>child.</c>, recursively. Unlike <see cref="NamedParameters"/> a tensor
    /// shared by two modules appears under both keys, as in PyTorch.
    /// </summary>
    /// <returns>An ordered map of the LIVE tensors (not copies): do not dispose them; writing to them changes the module.</returns>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var entry in StateEntries()) result.Add(entry.Key, entry.Tensor);
        return result;
    }

    /// <summary>Every state-dict entry with the module that owns it and its local name.</summary>
    private IEnumerable<(string Key, Module Owner, string Name, Tensor Tensor)> StateEntries()
    {
        foreach (var (prefix, module) in StateEntriesOwners())
        {
            foreach (var (name, p) in module._parameters) yield return (Join(prefix, name), module, name, p);
            foreach (var (name, b) in module._buffers)
                if (module.IsPersistentBuffer(name)) yield return (Join(prefix, name), module, name, b);
        }
    }

    /// <summary>Every (path, module) in pre-order WITHOUT removing repeats (state dicts list shared modules twice).</summary>
    private IEnumerable<KeyValuePair<string, Module>> StateEntriesOwners()
    {
        var stack = new Stack<KeyValuePair<string, Module>>();
        stack.Push(new("", this));
        while (stack.Count > 0)
        {
            var (prefix, module) = stack.Pop();
            yield return new(prefix, module);
            for (int i = module._children.Count - 1; i >= 0; i--)
            {
                var (name, child) = module._children.GetAt(i);
                stack.Push(new(Join(prefix, name), child));
            }
        }
    }

    /// <summary>
    /// Copies values from <paramref name="stateDict"/> into this module's parameters and persistent buffers, by key
    /// (PyTorch's <c>load_state_dict</c>). The module keeps its own tensors (references held elsewhere, e.g. by an
    /// optimiser, stay valid); the given tensors are only read.
    /// </summary>
    /// <param name="stateDict">Key to tensor, e.g. from <see cref="StateDict"/> or a safetensors file.</param>
    /// <param name="strict">
    /// When true, any missing, unexpected or mis-shaped key throws <see cref="StateDictLoadException"/> listing all
    /// of them, and NOTHING is copied. When false, every key present in both with equal shapes is copied and the
    /// rest is only reported (PyTorch would still raise on a shape mismatch; here it is reported too).
    /// </param>
    /// <param name="mapper">Optional key mapping applied to the incoming keys first (strip <c>module.</c>, rename, drop).</param>
    /// <returns>The keys that were missing, unexpected or mis-shaped (empty lists on an exact match).</returns>
    /// <exception cref="StateDictLoadException">Strict loading found a difference.</exception>
    /// <exception cref="ArgumentException">Two incoming keys map to the same key.</exception>
    public LoadStateDictResult LoadStateDict(IEnumerable<KeyValuePair<string, Tensor>> stateDict, bool strict = true, StateDictMapper? mapper = null)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var incoming = mapper is null ? ToOrdered(stateDict) : mapper.Apply(stateDict);
        var own = StateEntries().ToList();
        var ownKeys = new HashSet<string>(own.Select(e => e.Key), StringComparer.Ordinal);

        var missing = new List<string>();
        var misShaped = new List<MisShapedKey>();
        var toCopy = new List<(Tensor Destination, Tensor Source)>();
        var defaults = new List<(Module Owner, string Name, Tensor Destination)>();
        foreach (var (key, owner, name, destination) in own)
        {
            if (!incoming.TryGetValue(key, out var source))
            {
                if (owner.HasDefaultWhenMissing(name)) defaults.Add((owner, name, destination));
                else missing.Add(key);
            }
            else if (!ShapeHelper.SameShape(destination.Shape, source.Shape)) misShaped.Add(new MisShapedKey(key, destination.ShapeArray, source.ShapeArray));
            else toCopy.Add((destination, source));
        }
        var unexpected = new List<string>();
        foreach (var key in incoming.Keys)
            if (!ownKeys.Contains(key)) unexpected.Add(key);

        var result = new LoadStateDictResult(missing, unexpected, misShaped);
        if (strict && !result.IsExactMatch) throw new StateDictLoadException(GetType().Name, result);

        // Plain span copies: nothing is recorded by autograd, and the parameters stay leaves.
        foreach (var (destination, source) in toCopy) source.Data.CopyTo(destination.Data);
        foreach (var (owner, name, destination) in defaults) owner.SetDefaultWhenMissing(name, destination);
        return result;
    }

    /// <summary>
    /// True if the state entry <paramref name="name"/> of this module may be absent from a loaded state dict, in
    /// which case <see cref="SetDefaultWhenMissing"/> resets it instead of reporting a missing key. PyTorch does
    /// this for BatchNorm's <c>num_batches_tracked</c>, which checkpoints older than PyTorch 0.4.1 lack.
    /// </summary>
    protected virtual bool HasDefaultWhenMissing(string name) => false;

    /// <summary>Resets the state entry <paramref name="name"/> (held in <paramref name="tensor"/>) when a loaded state dict lacks it.</summary>
    protected virtual void SetDefaultWhenMissing(string name, Tensor tensor)
    {
    }

    private static OrderedDictionary<string, Tensor> ToOrdered(IEnumerable<KeyValuePair<string, Tensor>> stateDict)
    {
        if (stateDict is OrderedDictionary<string, Tensor> ordered) return ordered;
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in stateDict)
            if (!result.TryAdd(key, value)) throw new ArgumentException($"State dict has the key '{key}' twice.", nameof(stateDict));
        return result;
    }

    /// <summary>Writes <see cref="StateDict"/> to a safetensors file (all float32, keys in state-dict order).</summary>
    /// <param name="path">The file to write (replaced atomically).</param>
    /// <param name="metadata">Optional string metadata stored in the header's <c>__metadata__</c>.</param>
    public void SaveSafeTensors(string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensors.Save(path, StateDict(), metadata);

    /// <summary>
    /// Loads a safetensors file into this module through <see cref="LoadStateDict"/>. Integer and half-precision
    /// entries (e.g. PyTorch's I64 <c>num_batches_tracked</c>) are converted to float32.
    /// </summary>
    /// <param name="path">The safetensors file.</param>
    /// <param name="strict">See <see cref="LoadStateDict"/>.</param>
    /// <param name="mapper">Optional key mapping applied to the file's keys.</param>
    /// <returns>The loading report.</returns>
    public LoadStateDictResult LoadSafeTensors(string path, bool strict = true, StateDictMapper? mapper = null)
    {
        var file = SafeTensors.Load(path);
        var tensors = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in file.Entries) tensors.Add(entry.Name, entry.ToTensor());
            return LoadStateDict(tensors, strict, mapper);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }
}
