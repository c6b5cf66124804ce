using MLVideo.Tensors;
using MLVideo.Tensors.Nn;
using MLVideo.Tensors.Serialization;
using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Weights;

/// <summary>
/// Loads PyTorch checkpoints converted to safetensors into our models, mapping the official key conventions:
/// the <c>module.</c> prefix of <c>DataParallel</c> is always stripped; a TSN/TSM/GSF checkpoint
/// (<c>base_model.*</c>, <c>new_fc.*</c>) loads into a <see cref="VideoClassifier"/> as is, or into a bare backbone
/// with <c>base_model.</c> stripped and <c>new_fc.*</c> dropped; a plain ImageNet backbone checkpoint
/// (<c>conv1.weight</c>, ..., <c>fc.*</c>) loads into a <see cref="VideoClassifier"/> under <c>base_model.</c> with its
/// ImageNet classifier (<c>fc.*</c> / <c>classifier.*</c>) dropped. Finally, TSM's wrapper level is reconciled: a key
/// such as <c>layer1.0.conv1.weight</c> loads into <c>layer1.0.conv1.net.weight</c> when only the wrapped layer exists
/// (ImageNet weights into a TSM model, as the official code loads them before wrapping), and the reverse.
/// </summary>
public static class WeightImport
{
    /// <summary>Imports the safetensors file at <paramref name="path"/> into <paramref name="model"/>.</summary>
    /// <param name="model">The model to fill.</param>
    /// <param name="path">A safetensors file (I64 entries such as <c>num_batches_tracked</c> are converted to float).</param>
    /// <param name="strict">True: any missing, unexpected or mis-shaped key throws and nothing is copied.</param>
    /// <returns>The keys that were missing, unexpected or mis-shaped after mapping.</returns>
    /// <exception cref="StateDictLoadException">Strict import found a difference.</exception>
    public static LoadStateDictResult ImportWeights(Module model, string path, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = SafeTensors.Load(path);
        var tensors = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in file.Entries) tensors.Add(entry.Name, entry.ToTensor());
            return model.LoadStateDict(tensors, strict, CreateMapper(model, tensors.Keys));
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>The key mapping for <paramref name="model"/> given the checkpoint's keys (see the class summary).</summary>
    public static StateDictMapper CreateMapper(Module model, IEnumerable<string> checkpointKeys)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(checkpointKeys);
        bool isVideoCheckpoint = checkpointKeys.Any(k => StripModule(k).StartsWith("base_model.", StringComparison.Ordinal));
        var mapper = new StateDictMapper().StripPrefix("module.");
        if (model is VideoClassifier)
        {
            if (!isVideoCheckpoint) mapper.Drop(@"^(fc|classifier)\.").Rename("^", "base_model.");
        }
        else if (isVideoCheckpoint)
        {
            mapper.Drop(@"^new_fc\.").StripPrefix("base_model.");
        }

        var own = model.StateDict();
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in checkpointKeys)
        {
            string? mapped = mapper.Map(key);
            if (mapped is null || own.ContainsKey(mapped)) continue;
            string? match = FindWrapperVariant(mapped, own);
            if (match is not null) renames[mapped] = match;
        }
        foreach (var (from, to) in renames)
            mapper.Rename("^" + System.Text.RegularExpressions.Regex.Escape(from) + "$", to.Replace("$", "$$", StringComparison.Ordinal));
        return mapper;
    }

    /// <summary>
    /// The model key that differs from <paramref name="key"/> only by one TSM wrapper level (<c>.net</c> inserted before
    /// or removed from some segment), or null.
    /// </summary>
    private static string? FindWrapperVariant(string key, OrderedDictionary<string, Tensor> own)
    {
        string[] parts = key.Split('.');
        for (int i = 1; i < parts.Length; i++)
        {
            string inserted = string.Join('.', parts[..i]) + ".net." + string.Join('.', parts[i..]);
            if (own.ContainsKey(inserted)) return inserted;
        }
        for (int i = 1; i < parts.Length - 1; i++)
        {
            if (parts[i] != "net") continue;
            string removed = string.Join('.', parts[..i].Concat(parts[(i + 1)..]));
            if (own.ContainsKey(removed)) return removed;
        }
        return null;
    }

    private static string StripModule(string key) => key.StartsWith("module.", StringComparison.Ordinal) ? key["module.".Length..] : key;
}
