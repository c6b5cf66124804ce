using System.Text.Json;
using MLVideo.Tensors;

namespace MLVideo.Model;

/// <summary>Collects what a step saves: one options object (as JSON) and named float32 tensors.</summary>
public sealed class ModelStepWriter
{
    private readonly List<KeyValuePair<string, Tensor>> _tensors = [];
    private readonly HashSet<string> _names = [];

    internal ModelStepWriter()
    {
    }

    internal JsonElement? Options { get; private set; }

    internal IReadOnlyList<KeyValuePair<string, Tensor>> Tensors => _tensors;

    /// <summary>Writes the step's options (public properties and fields, serialised with System.Text.Json).</summary>
    public void WriteOptions<TOptions>(TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Options is not null) throw new InvalidOperationException("A step writes its options once.");
        Options = JsonSerializer.SerializeToElement(options, ModelJson.Options);
    }

    /// <summary>Adds a tensor (written to the step's safetensors file under <paramref name="name"/>).</summary>
    public void WriteTensor(string name, Tensor tensor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(tensor);
        if (!_names.Add(name)) throw new ArgumentException($"Tensor '{name}' was already written by this step.", nameof(name));
        _tensors.Add(new KeyValuePair<string, Tensor>(name, tensor));
    }

    /// <summary>Adds several tensors (e.g. a module's state dict), in order.</summary>
    public void WriteTensors(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        foreach (var (name, tensor) in tensors) WriteTensor(name, tensor);
    }
}
