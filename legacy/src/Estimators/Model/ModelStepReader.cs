using System.Text.Json;
using MLVideo.Tensors;
using MLVideo.Tensors.Serialization;

namespace MLVideo.Model;

/// <summary>What a step loader receives: the saved version, options and tensors of one step.</summary>
public sealed class ModelStepReader
{
    private readonly JsonElement? _options;
    private readonly SafeTensorsFile? _tensors;

    internal ModelStepReader(MLVideoContext context, string kind, int version, string location, JsonElement? options, SafeTensorsFile? tensors)
    {
        Context = context;
        Kind = kind;
        Version = version;
        Location = location;
        _options = options;
        _tensors = tensors;
    }

    /// <summary>The context loading the model (for seeds and logging).</summary>
    public MLVideoContext Context { get; }

    /// <summary>The step kind.</summary>
    public string Kind { get; }

    /// <summary>The version the step was saved with.</summary>
    public int Version { get; }

    /// <summary>Where the step is in the file, for error messages (e.g. <c>model.zip:steps/001-Tsm/</c>).</summary>
    public string Location { get; }

    /// <summary>Names of the saved tensors.</summary>
    public IEnumerable<string> TensorNames => _tensors?.Names ?? [];

    /// <summary>The saved options; throws <see cref="ModelFormatException"/> when absent or malformed.</summary>
    public TOptions ReadOptions<TOptions>()
    {
        if (_options is not { } element) throw new ModelFormatException($"{Location}: step '{Kind}' has no options.");
        try
        {
            return element.Deserialize<TOptions>(ModelJson.Options)
                ?? throw new ModelFormatException($"{Location}: step '{Kind}' has null options.");
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{Location}: the options of step '{Kind}' do not match {typeof(TOptions).Name}: {e.Message}", e);
        }
    }

    /// <summary>Whether a tensor was saved under <paramref name="name"/>.</summary>
    public bool HasTensor(string name) => _tensors?.Contains(name) ?? false;

    /// <summary>The tensor <paramref name="name"/>; throws <see cref="ModelFormatException"/> when absent.</summary>
    public Tensor ReadTensor(string name) =>
        HasTensor(name) ? _tensors![name].ToTensor() : throw new ModelFormatException($"{Location}: step '{Kind}' has no tensor '{name}'.");

    /// <summary>Every saved tensor, in file order.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> ReadTensors()
    {
        if (_tensors is null) yield break;
        foreach (var e in _tensors.Entries) yield return new KeyValuePair<string, Tensor>(e.Name, e.ToTensor());
    }
}
