namespace MLVideo.Tensors.Nn;

/// <summary>
/// The base of every layer and model, in the shape of <c>torch.nn.Module</c>: it owns parameters, buffers
/// and child modules registered under their PyTorch names, so that <see cref="StateDict"/> produces the same
/// keys as PyTorch (<c>layer1.0.conv1.weight</c>, <c>bn1.running_mean</c>, ...) and official checkpoints load.
/// </summary>
/// <remarks>
/// Registration is explicit and happens in the constructor, e.g.
/// <c>Conv1 = RegisterModule("conv1", new Conv2d(64, 64, 3, padding: 1, bias: false));</c>. Registration
/// order is key order (parameters, then persistent buffers, then children, recursively), as in PyTorch.
/// Names must be non-empty, contain no dot and be unique among the module's parameters, buffers and children.
/// Parameters and buffers are taken out of every <see cref="TensorScope"/>: the module owns them and
/// <see cref="Dispose()"/> frees them.
/// </remarks>
public abstract partial class Module : IDisposable
{
    private readonly OrderedDictionary<string, Tensor> _parameters = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, Tensor> _buffers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nonPersistentBuffers = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, Module> _children = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>
    /// Computes the module's output. Layers override it; containers without a single-input forward
    /// (e.g. <see cref="ModuleList"/>) keep this default, which throws.
    /// </summary>
    /// <param name="input">The input tensor; each layer documents the layout it expects.</param>
    /// <exception cref="NotSupportedException">The module has no single-input forward.</exception>
    public virtual Tensor Forward(Tensor input) =>
        throw new NotSupportedException($"{GetType().Name} has no single-input Forward; call its children instead.");

    // ---------------------------------------------------------------- registration

    /// <summary>
    /// Registers <paramref name="tensor"/> as the parameter <paramref name="name"/> (PyTorch's
    /// <c>register_parameter</c>). It becomes a leaf with <see cref="Tensor.RequiresGrad"/> =
    /// <paramref name="requiresGrad"/> and is owned by this module.
    /// </summary>
    /// <returns>The same tensor, for assignment to a field.</returns>
    /// <exception cref="ArgumentException">The name is empty, dotted or already used, or the tensor is not a leaf.</exception>
    protected Tensor RegisterParameter(string name, Tensor tensor, bool requiresGrad = true)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        CheckNewName(name, "parameter");
        if (!tensor.IsLeaf)
            throw new ArgumentException($"{GetType().Name}: parameter '{name}' must be a leaf tensor (it was produced by {tensor.GradFn!.Name}); pass a Detach()ed copy.", nameof(tensor));
        tensor.MoveToOuterScopeFully();
        tensor.RequiresGrad = requiresGrad;
        _parameters.Add(name, tensor);
        return tensor;
    }

    /// <summary>
    /// Registers <paramref name="tensor"/> as the buffer <paramref name="name"/> (PyTorch's
    /// <c>register_buffer</c>): state that is not trained, e.g. <c>running_mean</c>. A persistent buffer is part
    /// of the state dict; a non-persistent one is not.
    /// </summary>
    /// <returns>The same tensor, for assignment to a field.</returns>
    /// <exception cref="ArgumentException">The name is empty, dotted or already used.</exception>
    protected Tensor RegisterBuffer(string name, Tensor tensor, bool persistent = true)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        CheckNewName(name, "buffer");
        tensor.MoveToOuterScopeFully();
        _buffers.Add(name, tensor);
        if (!persistent) _nonPersistentBuffers.Add(name);
        return tensor;
    }

    /// <summary>Registers <paramref name="module"/> as the child <paramref name="name"/> (PyTorch's <c>add_module</c>).</summary>
    /// <returns>The same module, typed, for assignment to a field.</returns>
    /// <exception cref="ArgumentException">The name is empty, dotted or already used, or the module is this module or contains it.</exception>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckNewName(name, "module");
        CheckNoCycle(name, module);
        _children.Add(name, module);
        return module;
    }

    /// <summary>Shorthand for <see cref="RegisterModule{T}"/> (the spelling of the style guide: <c>Conv1 = Register("conv1", new Conv2d(...))</c>).</summary>
    /// <returns>The same module, typed.</returns>
    protected T Register<T>(string name, T module) where T : Module => RegisterModule(name, module);

    /// <summary>
    /// Replaces the child <paramref name="name"/> in place, keeping its position in the key order. Methods use it
    /// to wrap a layer of a backbone (TSM puts <c>conv1</c> under a shift wrapper, giving <c>conv1.net.weight</c>).
    /// The old child is returned and not disposed (the wrapper usually keeps it).
    /// </summary>
    /// <exception cref="KeyNotFoundException">There is no child of that name.</exception>
    public Module ReplaceModule(string name, Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!_children.TryGetValue(name, out var old))
            throw new KeyNotFoundException($"{GetType().Name} has no child module '{name}' to replace (children: {string.Join(", ", _children.Keys)}).");
        CheckNoCycle(name, module);
        _children[name] = module;
        return old;
    }

    private void CheckNoCycle(string name, Module module)
    {
        // A module containing this one as a descendant would make the state dict infinite.
        foreach (var m in module.Modules())
            if (ReferenceEquals(m, this))
                throw new ArgumentException($"{GetType().Name}: registering '{name}' ({module.GetType().Name}) would make the module its own descendant.", nameof(module));
    }

    private void CheckNewName(string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            throw new ArgumentException($"{GetType().Name}: a {kind} name cannot be empty.", nameof(name));
        if (name.Contains('.'))
            throw new ArgumentException($"{GetType().Name}: {kind} name '{name}' cannot contain '.' (dots separate the levels of state-dict keys).", nameof(name));
        if (_parameters.ContainsKey(name) || _buffers.ContainsKey(name) || _children.ContainsKey(name))
            throw new ArgumentException($"{GetType().Name}: '{name}' is already registered as a {KindOf(name)}.", nameof(name));
    }

    private string KindOf(string name) =>
        _parameters.ContainsKey(name) ? "parameter" : _buffers.ContainsKey(name) ? "buffer" : "module";

    // ---------------------------------------------------------------- enumeration

    /// <summary>This module's own parameters (not its children's), in registration order.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedOwnParameters() => _parameters.Select(kv => kv);

    /// <summary>This module's own buffers (not its children's), in registration order.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedOwnBuffers() => _buffers.Select(kv => kv);

    /// <summary>The direct children, in registration order.</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => _children.Select(kv => kv);

    /// <summary>The direct children, in registration order.</summary>
    public IEnumerable<Module> Children() => _children.Values.Select(m => m);

    /// <summary>
    /// Every parameter of this module and its descendants with its dotted key (<c>layer1.0.conv1.weight</c>),
    /// own parameters first, then each child in registration order. A tensor shared by two modules is listed
    /// once, under its first name (as PyTorch does).
    /// </summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in NamedModules())
            foreach (var (name, p) in module._parameters)
                if (seen.Add(p)) yield return new(Join(prefix, name), p);
    }

    /// <summary>Every parameter of this module and its descendants, in <see cref="NamedParameters"/> order.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(kv => kv.Value);

    /// <summary>Every buffer (persistent or not) of this module and its descendants, with dotted keys.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in NamedModules())
            foreach (var (name, b) in module._buffers)
                if (seen.Add(b)) yield return new(Join(prefix, name), b);
    }

    /// <summary>Every buffer of this module and its descendants.</summary>
    public IEnumerable<Tensor> Buffers() => NamedBuffers().Select(kv => kv.Value);

    /// <summary>
    /// This module (with the empty name) and every descendant with its dotted path (<c>layer1.0</c>,
    /// <c>layer1.0.conv1</c>), depth first in registration order; a module reachable twice is listed once.
    /// </summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedModules()
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        // Explicit stack (children pushed in reverse) keeps pre-order without recursion on deep models.
        var stack = new Stack<KeyValuePair<string, Module>>();
        stack.Push(new("", this));
        while (stack.Count > 0)
        {
            var (prefix, module) = stack.Pop();
            if (!seen.Add(module)) continue;
            yield return new(prefix, module);
            for (int i = module._children.Count - 1; i >= 0; i--)
            {
                var (name, child) = module._children.GetAt(i);
                stack.Push(new(Join(prefix, name), child));
            }
        }
    }

    /// <summary>This module and every descendant, in <see cref="NamedModules"/> order.</summary>
    public IEnumerable<Module> Modules() => NamedModules().Select(kv => kv.Value);

    /// <summary>The descendant at a dotted path (<c>layer1.0.conv1</c>); the empty path is this module.</summary>
    /// <exception cref="KeyNotFoundException">No module has that path; the message names the first missing level.</exception>
    public Module GetModule(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) return this;
        Module current = this;
        foreach (var part in path.Split('.'))
        {
            if (!current._children.TryGetValue(part, out var next))
                throw new KeyNotFoundException($"{GetType().Name}: no module at '{path}' ({current.GetType().Name} has no child '{part}').");
            current = next;
        }
        return current;
    }

    /// <summary>The parameter at a dotted key (<c>layer1.0.conv1.weight</c>).</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that key.</exception>
    public Tensor GetParameter(string key)
    {
        var (owner, name) = SplitKey(key);
        return GetModule(owner)._parameters.TryGetValue(name, out var p)
            ? p
            : throw new KeyNotFoundException($"{GetType().Name} has no parameter '{key}'.");
    }

    /// <summary>The buffer at a dotted key (<c>bn1.running_mean</c>).</summary>
    /// <exception cref="KeyNotFoundException">No buffer has that key.</exception>
    public Tensor GetBuffer(string key)
    {
        var (owner, name) = SplitKey(key);
        return GetModule(owner)._buffers.TryGetValue(name, out var b)
            ? b
            : throw new KeyNotFoundException($"{GetType().Name} has no buffer '{key}'.");
    }

    private static (string Owner, string Name) SplitKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int dot = key.LastIndexOf('.');
        return dot < 0 ? ("", key) : (key[..dot], key[(dot + 1)..]);
    }

    internal static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    // ---------------------------------------------------------------- modes and gradients

    /// <summary>
    /// Sets training mode on this module and every descendant (dropout active, batch norm on batch statistics).
    /// Override to keep part of a model in eval mode (e.g. TSN's partial BN), calling the base first.
    /// </summary>
    /// <returns>This module.</returns>
    public virtual Module Train(bool mode = true)
    {
        IsTraining = mode;
        foreach (var child in _children.Values) child.Train(mode);
        return this;
    }

    /// <summary>Sets evaluation mode on this module and every descendant (same as <c>Train(false)</c>).</summary>
    /// <returns>This module.</returns>
    public Module Eval() => Train(false);

    /// <summary>
    /// Calls <paramref name="action"/> on every descendant and then on this module (children first, as PyTorch's
    /// <c>apply</c>), e.g. to initialise every convolution of a model in one place.
    /// </summary>
    /// <returns>This module.</returns>
    public Module Apply(Action<Module> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var child in _children.Values) child.Apply(action);
        action(this);
        return this;
    }

    /// <summary>Clears the gradient of every parameter (PyTorch's <c>zero_grad(set_to_none=True)</c>).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>Sets <see cref="Tensor.RequiresGrad"/> on every parameter (freezing or unfreezing the module).</summary>
    /// <returns>This module.</returns>
    public Module SetRequiresGrad(bool requiresGrad)
    {
        foreach (var p in Parameters()) p.RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>Number of parameter elements (PyTorch's <c>sum(p.numel() for p in model.parameters())</c>).</summary>
    /// <param name="trainableOnly">Count only parameters that require grad.</param>
    public long CountParameters(bool trainableOnly = false)
    {
        long n = 0;
        foreach (var p in Parameters())
            if (!trainableOnly || p.RequiresGrad) n += p.Count;
        return n;
    }

    // ---------------------------------------------------------------- disposal

    /// <summary>Frees the parameters, buffers and children (and the parameters' gradients).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees owned tensors; override to free extra state, calling the base.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        foreach (var p in _parameters.Values)
        {
            p.ZeroGrad();
            p.Dispose();
        }
        foreach (var b in _buffers.Values) b.Dispose();
        foreach (var c in _children.Values) c.Dispose();
    }

    internal bool IsPersistentBuffer(string name) => !_nonPersistentBuffers.Contains(name);
}
