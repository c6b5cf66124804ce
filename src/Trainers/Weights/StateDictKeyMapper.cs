namespace MLVideo.Trainers.Weights;

/// <summary>
/// Maps checkpoint keys onto a model's keys. Always: leading <c>module.</c> (DataParallel) and <c>base_model.</c>
/// (the official TSN/TSM/GSF wrapper) are stripped. Then, only when the key does not exist in the model but the
/// alias does: <c>new_fc.</c> -> <c>fc.</c> (official heads), <c>classifier.1.</c> -> <c>fc.</c> (torchvision's
/// MobileNetV2 head into a video model), and one TSM wrapper level added or removed (<c>conv1.weight</c> &lt;-&gt;
/// <c>conv1.net.weight</c>: ImageNet weights into a TSM model, as the official code loads them before wrapping).
/// </summary>
public static class StateDictKeyMapper
{
    private static readonly string[] StrippedPrefixes = ["module.", "base_model."];
    private static readonly (string From, string To)[] HeadAliases = [("new_fc.", "fc."), ("classifier.1.", "fc.")];

    /// <summary>The model key for <paramref name="fileKey"/>: the stripped key if the model has it, else the first alias it has, else the stripped key.</summary>
    public static string Map(string fileKey, IReadOnlySet<string> modelKeys)
    {
        ArgumentNullException.ThrowIfNull(fileKey);
        ArgumentNullException.ThrowIfNull(modelKeys);
        string key = StripPrefixes(fileKey);
        if (modelKeys.Contains(key)) return key;
        foreach (var (from, to) in HeadAliases)
            if (key.StartsWith(from, StringComparison.Ordinal) && modelKeys.Contains(to + key[from.Length..])) return to + key[from.Length..];
        return FindWrapperVariant(key, modelKeys) ?? key;
    }

    /// <summary>The key without any leading <c>module.</c> / <c>base_model.</c> segments.</summary>
    public static string StripPrefixes(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        bool stripped;
        do
        {
            stripped = false;
            foreach (string prefix in StrippedPrefixes)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    key = key[prefix.Length..];
                    stripped = true;
                }
            }
        } while (stripped);
        return key;
    }

    /// <summary>The model key that differs from <paramref name="key"/> by one <c>.net</c> segment inserted or removed, or null.</summary>
    private static string? FindWrapperVariant(string key, IReadOnlySet<string> modelKeys)
    {
        string[] parts = key.Split('.');
        for (int i = 1; i < parts.Length; i++)
        {
            string inserted = string.Join('.', parts[..i]) + ".net." + string.Join('.', parts[i..]);
            if (modelKeys.Contains(inserted)) return inserted;
        }
        for (int i = 1; i < parts.Length - 1; i++)
        {
            if (parts[i] != "net") continue;
            string removed = string.Join('.', parts[..i].Concat(parts[(i + 1)..]));
            if (modelKeys.Contains(removed)) return removed;
        }
        return null;
    }
}
