using System.Text;

namespace MLVideo.Tensors.Nn;

/// <summary>What <see cref="Module.LoadStateDict"/> could not match (PyTorch's <c>_IncompatibleKeys</c>, plus shape mismatches).</summary>
public sealed class LoadStateDictResult
{
    internal LoadStateDictResult(IReadOnlyList<string> missingKeys, IReadOnlyList<string> unexpectedKeys, IReadOnlyList<MisShapedKey> misShapedKeys)
    {
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
        MisShapedKeys = misShapedKeys;
    }

    /// <summary>Keys of the module that the state dict did not provide (left unchanged), in module order.</summary>
    public IReadOnlyList<string> MissingKeys { get; }

    /// <summary>Keys of the state dict that the module does not have (ignored), in state-dict order.</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; }

    /// <summary>Keys on both sides with different shapes (left unchanged), with both shapes.</summary>
    public IReadOnlyList<MisShapedKey> MisShapedKeys { get; }

    /// <summary>True if every key matched with its shape.</summary>
    public bool IsExactMatch => MissingKeys.Count == 0 && UnexpectedKeys.Count == 0 && MisShapedKeys.Count == 0;

    /// <summary>A multi-line listing of every problem by name (or "exact match").</summary>
    public override string ToString()
    {
        if (IsExactMatch) return "exact match";
        var sb = new StringBuilder();
        if (MissingKeys.Count > 0) sb.Append("Missing keys (").Append(MissingKeys.Count).Append("): ").AppendJoin(", ", MissingKeys).AppendLine();
        if (UnexpectedKeys.Count > 0) sb.Append("Unexpected keys (").Append(UnexpectedKeys.Count).Append("): ").AppendJoin(", ", UnexpectedKeys).AppendLine();
        if (MisShapedKeys.Count > 0) sb.Append("Mis-shaped keys (").Append(MisShapedKeys.Count).Append("): ").AppendJoin("; ", MisShapedKeys).AppendLine();
        return sb.ToString().TrimEnd();
    }
}
