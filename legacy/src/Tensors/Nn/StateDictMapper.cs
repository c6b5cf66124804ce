using System.Text.RegularExpressions;

namespace MLVideo.Tensors.Nn;

/// <summary>
/// Rewrites checkpoint keys before loading, so official checkpoints fit our modules: strip the
/// <c>module.</c> prefix of <c>DataParallel</c> and TSM's <c>base_model.</c>, rename by prefix or regular
/// expression, drop keys (e.g. a classifier head trained on another dataset). Rules run in the order added;
/// a dropped key stops there.
/// </summary>
/// <example>
/// <code>
/// var mapper = new StateDictMapper().StripPrefix("module.").StripPrefix("base_model.").RenamePrefix("new_fc.", "fc.");
/// model.LoadSafeTensors("tsm_k400.safetensors", strict: true, mapper);
/// </code>
/// </example>
public sealed class StateDictMapper
{
    private readonly List<Func<string, string?>> _rules = new();

    /// <summary>A mapper that strips <c>module.</c> then <c>base_model.</c>, the wrappers of TSM-family checkpoints.</summary>
    public static StateDictMapper StripWrapperPrefixes() => new StateDictMapper().StripPrefix("module.").StripPrefix("base_model.");

    /// <summary>Removes <paramref name="prefix"/> from keys that start with it (others pass unchanged).</summary>
    /// <returns>This mapper.</returns>
    public StateDictMapper StripPrefix(string prefix) => RenamePrefix(prefix, "");

    /// <summary>Replaces a leading <paramref name="from"/> by <paramref name="to"/> (e.g. <c>new_fc.</c> to <c>fc.</c>).</summary>
    /// <returns>This mapper.</returns>
    public StateDictMapper RenamePrefix(string from, string to)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentNullException.ThrowIfNull(to);
        _rules.Add(key => key.StartsWith(from, StringComparison.Ordinal) ? to + key[from.Length..] : key);
        return this;
    }

    /// <summary>Applies <see cref="Regex.Replace(string, string)"/> with <paramref name="replacement"/> (<c>$1</c> groups allowed).</summary>
    /// <returns>This mapper.</returns>
    public StateDictMapper Rename(string pattern, string replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        _rules.Add(key => regex.Replace(key, replacement));
        return this;
    }

    /// <summary>Drops keys matching the regular expression <paramref name="pattern"/> (e.g. <c>^fc\.</c>).</summary>
    /// <returns>This mapper.</returns>
    public StateDictMapper Drop(string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        _rules.Add(key => regex.IsMatch(key) ? null : key);
        return this;
    }

    /// <summary>Drops keys for which <paramref name="predicate"/> is true.</summary>
    /// <returns>This mapper.</returns>
    public StateDictMapper Drop(Func<string, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        _rules.Add(key => predicate(key) ? null : key);
        return this;
    }

    /// <summary>The mapped key, or null if a rule dropped it.</summary>
    public string? Map(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string? current = key;
        foreach (var rule in _rules)
        {
            current = rule(current);
            if (current is null) return null;
        }
        return current;
    }

    /// <summary>Maps every key of <paramref name="stateDict"/>, keeping order and the tensors themselves (no copy).</summary>
    /// <exception cref="ArgumentException">Two keys map to the same key (both are named).</exception>
    public OrderedDictionary<string, Tensor> Apply(IEnumerable<KeyValuePair<string, Tensor>> stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        var origin = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, tensor) in stateDict)
        {
            string? mapped = Map(key);
            if (mapped is null) continue;
            if (!result.TryAdd(mapped, tensor))
                throw new ArgumentException($"StateDictMapper: keys '{origin[mapped]}' and '{key}' both map to '{mapped}'.", nameof(stateDict));
            origin[mapped] = key;
        }
        return result;
    }
}
