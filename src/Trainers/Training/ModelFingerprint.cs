using System.Security.Cryptography;
using System.Text;
using TorchSharp;

namespace MLVideo.Trainers.Training;

/// <summary>
/// The architecture of a model as its state dict's names, dtypes and shapes, in order (e.g.
/// <c>conv1.weight:F32[8,3,3,3,3]</c>), and a short hash of that list. Two models whose checkpoints can be exchanged
/// have the same fingerprint.
/// </summary>
internal sealed class ModelFingerprint
{
    private ModelFingerprint(IReadOnlyList<string> entries)
    {
        Entries = entries;
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', entries))))[..16];
    }

    /// <summary>One <c>name:dtype[shape]</c> line per state-dict entry.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>First 16 hex digits of the SHA-256 of <see cref="Entries"/>.</summary>
    public string Hash { get; }

    /// <summary>The fingerprint of <paramref name="model"/>'s state dict.</summary>
    public static ModelFingerprint Of(torch.nn.Module model) =>
        new(model.state_dict().Select(p => $"{p.Key}:{p.Value.dtype}[{string.Join(',', p.Value.shape)}]").ToList());

    /// <summary>A fingerprint read back from a checkpoint header.</summary>
    public static ModelFingerprint FromEntries(IReadOnlyList<string> entries) => new(entries);

    /// <summary>The first difference from <paramref name="other"/>, in words, or null when they agree.</summary>
    public string? DescribeDifference(ModelFingerprint other)
    {
        var mine = Entries.ToDictionary(Name, e => e);
        var theirs = other.Entries.ToDictionary(Name, e => e);
        foreach (var entry in Entries)
        {
            if (!theirs.TryGetValue(Name(entry), out var match)) return $"'{Name(entry)}' is not in the checkpoint";
            if (match != entry) return $"'{Name(entry)}' is {Type(match)} in the checkpoint but {Type(entry)} in this model";
        }
        foreach (var entry in other.Entries)
            if (!mine.ContainsKey(Name(entry))) return $"the checkpoint has '{Name(entry)}', which this model lacks";
        return Entries.SequenceEqual(other.Entries) ? null : "the state-dict order differs";
    }

    private static string Name(string entry) => entry[..entry.LastIndexOf(':')];

    private static string Type(string entry) => entry[(entry.LastIndexOf(':') + 1)..];
}
