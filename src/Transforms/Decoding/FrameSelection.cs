using System.Globalization;
using System.Text;

namespace MLVideo.Transforms.Decoding;

/// <summary>Turns requested frame indices into the distinct sorted set ffmpeg must output and an ffmpeg <c>select</c> expression.</summary>
internal sealed class FrameSelection
{
    public FrameSelection(IReadOnlyList<int> requested, string path)
    {
        var set = new SortedSet<int>();
        foreach (int i in requested)
        {
            if (i < 0) throw new ArgumentOutOfRangeException(nameof(requested), $"Video '{path}': frame index {i} is negative.");
            set.Add(i);
        }
        if (set.Count == 0) throw new ArgumentException($"Video '{path}': no frame index requested.", nameof(requested));
        Distinct = [.. set];
        Requested = requested;
    }

    /// <summary>Distinct requested indices, ascending: the order ffmpeg outputs them.</summary>
    public int[] Distinct { get; }

    /// <summary>The indices as asked.</summary>
    public IReadOnlyList<int> Requested { get; }

    /// <summary>
    /// A <c>select</c> filter keeping exactly the distinct frames, with runs of consecutive indices merged into
    /// <c>between(n,a,b)</c>. Commas are escaped because the filter graph parser splits on them.
    /// </summary>
    public string SelectFilter()
    {
        var sb = new StringBuilder("select=");
        int start = Distinct[0], prev = start;
        bool first = true;
        for (int k = 1; k <= Distinct.Length; k++)
        {
            if (k < Distinct.Length && Distinct[k] == prev + 1) { prev = Distinct[k]; continue; }
            if (!first) sb.Append('+');
            first = false;
            if (start == prev) sb.Append(CultureInfo.InvariantCulture, $"eq(n\\,{start})");
            else sb.Append(CultureInfo.InvariantCulture, $"between(n\\,{start}\\,{prev})");
            if (k < Distinct.Length) start = prev = Distinct[k];
        }
        return sb.ToString();
    }

    /// <summary>
    /// Builds the requested order from the decoded distinct frames. When the source ended early (its header
    /// over-stated the frame count), indices past the end take the last decoded frame.
    /// </summary>
    public FrameStack Arrange(FrameStack decoded)
    {
        var positions = new int[Requested.Count];
        var indices = new int[Requested.Count];
        for (int i = 0; i < Requested.Count; i++)
        {
            int p = Array.BinarySearch(Distinct, Requested[i]);
            positions[i] = Math.Min(p, decoded.Count - 1);
            indices[i] = Distinct[positions[i]];
        }
        var result = decoded.Select(positions);
        return new FrameStack(result.Pixels, result.Width, result.Height, result.Count, indices);
    }
}
