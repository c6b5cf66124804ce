using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Weights;

/// <summary>
/// Reads a PyTorch <c>torch.save</c> file (the zip format of PyTorch 1.6+) through TorchSharp.PyBridge: either a bare
/// state dict, or a training checkpoint that holds one under <c>state_dict</c>, <c>model_state_dict</c> or
/// <c>model</c> (the official TSM, GSF and mmaction2 checkpoints).
/// </summary>
public static class PyTorchCheckpointReader
{
    private static readonly string[] NestedStateDictKeys = ["state_dict", "model_state_dict", "model"];

    /// <summary>Every tensor of the state dict (new CPU tensors the caller owns), keyed as in the file.</summary>
    /// <exception cref="InvalidDataException">The file is not a readable PyTorch state dict; the message names the file.</exception>
    public static List<KeyValuePair<string, Tensor>> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Hashtable root;
        try
        {
            root = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new InvalidDataException($"{path}: not a readable PyTorch state dict ({e.GetType().Name}: {e.Message}).", e);
        }
        var stateDict = FindStateDict(root)
            ?? throw new InvalidDataException($"{path}: the pickled object holds no tensors at its top level nor under {string.Join(", ", NestedStateDictKeys)}.");
        var result = new List<KeyValuePair<string, Tensor>>();
        foreach (DictionaryEntry entry in stateDict)
            if (entry.Key is string key && entry.Value is Tensor tensor) result.Add(KeyValuePair.Create(key, tensor));
        return result;
    }

    private static Hashtable? FindStateDict(Hashtable root)
    {
        if (root.Values.OfType<Tensor>().Any()) return root;
        foreach (string key in NestedStateDictKeys)
            if (root[key] is Hashtable nested && nested.Values.OfType<Tensor>().Any()) return nested;
        return null;
    }
}
