using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Tests.Fixtures;

/// <summary>
/// The counter-based generator of the <c>r3d_18</c> case's weights (fixtures README section 6): the 133 MB of
/// weights are not stored; each element is recomputed from (counter_start + index) with a SplitMix64 mix.
/// </summary>
internal static class R3dWeightGenerator
{
    private const ulong Seed = 20240601;

    public static float Value(long counterStart, long index, double offset, double scale)
    {
        unchecked
        {
            ulong z = Seed + (ulong)(counterStart + index + 1) * 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            double u = (z >> 40) / 16777216.0;   // 24-bit uniform in [0, 1)
            return (float)(offset + scale * (2.0 * u - 1.0));
        }
    }

    /// <summary>One tensor per row of the config's <c>gen_table</c>, keyed by state-dict key, in table order.</summary>
    public static List<KeyValuePair<string, Tensor>> Generate(JsonElement config)
    {
        var state = new List<KeyValuePair<string, Tensor>>();
        foreach (var row in config.GetProperty("gen_table").EnumerateArray())
        {
            string key = row[0].GetString()!;
            long[] shape = row[1].EnumerateArray().Select(d => d.GetInt64()).ToArray();
            double offset = row[2].GetDouble(), scale = row[3].GetDouble();
            long start = row[4].GetInt64();
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            Parallel.For(0, values.Length, j => values[j] = Value(start, j, offset, scale));
            state.Add(KeyValuePair.Create(key, torch.tensor(values, shape)));
        }
        return state;
    }
}
