using System.Text.Json;
using MLVideo.Tensors;

namespace MLVideo.Trainers.Tests.Fixtures;

/// <summary>
/// The counter-based generator of the <c>r3d_18</c> fixture's weights (../shared/fixtures/README.md section 6): the
/// 133 MB of weights are not stored, each element is recomputed from (counter_start + index) with a SplitMix64 mix.
/// </summary>
internal static class R3dWeightGenerator
{
    private const ulong Seed = 20240601;

    /// <summary>Element <paramref name="index"/> of a tensor whose counter starts at <paramref name="counterStart"/>.</summary>
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

    /// <summary>One tensor per row of the <c>gen_table</c> in the fixture's config, keyed by state-dict key.</summary>
    public static OrderedDictionary<string, Tensor> Generate(JsonElement config)
    {
        var state = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var row in config.GetProperty("gen_table").EnumerateArray())
        {
            string key = row[0].GetString()!;
            int[] shape = row[1].EnumerateArray().Select(d => d.GetInt32()).ToArray();
            double offset = row[2].GetDouble(), scale = row[3].GetDouble();
            long start = row[4].GetInt64();
            var t = new Tensor(shape);
            var data = t.Data;
            for (int j = 0; j < data.Length; j++) data[j] = Value(start, j, offset, scale);
            state.Add(key, t);
        }
        return state;
    }
}
