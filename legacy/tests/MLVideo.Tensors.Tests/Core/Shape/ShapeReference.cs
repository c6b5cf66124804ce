using MLVideo.Tensors;

namespace MLVideo.Tensors.Tests.Core.Shape;

/// <summary>
/// Deliberately naive references for the shape ops: one element at a time through full multi-indices,
/// so they share no code (coalescing, tiling, row blocks) with the kernels under test.
/// </summary>
internal static class ShapeReference
{
    /// <summary>Seeded standard-normal tensor (each test owns its generator).</summary>
    public static Tensor Random(int seed, params int[] shape) => Tensor.Randn(shape, new Generator((ulong)seed));

    /// <summary>Multi-index of flat position <paramref name="flat"/> in <paramref name="shape"/>.</summary>
    public static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    /// <summary>Flat position of a multi-index.</summary>
    public static int Ravel(int[] index, int[] shape)
    {
        int flat = 0;
        for (int d = 0; d < shape.Length; d++) flat = flat * shape[d] + index[d];
        return flat;
    }

    /// <summary>out[i] = x[i permuted back]: output dim d is input dim perm[d].</summary>
    public static float[] Permute(float[] x, int[] shape, int[] perm)
    {
        var outShape = perm.Select(p => shape[p]).ToArray();
        int count = outShape.Aggregate(1, (a, b) => a * b);
        var result = new float[count];
        for (int j = 0; j < count; j++)
        {
            int[] o = Unravel(j, outShape);
            var i = new int[shape.Length];
            for (int d = 0; d < perm.Length; d++) i[perm[d]] = o[d];
            result[j] = x[Ravel(i, shape)];
        }
        return result;
    }

    /// <summary>TSM shift of (N*T, C, H, W) following the fixtures README word for word.</summary>
    public static float[] TemporalShift(float[] x, int[] shape, int segments, int foldDiv)
    {
        int frames = shape[0], c = shape[1], plane = shape[2] * shape[3];
        int fold = c / foldDiv;
        var result = new float[x.Length];
        for (int f = 0; f < frames; f++)
        {
            int t = f % segments;
            for (int ch = 0; ch < c; ch++)
            {
                int from = ch < fold ? f + 1 : ch < 2 * fold ? f - 1 : f;
                bool zero = (ch < fold && t == segments - 1) || (ch >= fold && ch < 2 * fold && t == 0);
                for (int p = 0; p < plane; p++)
                    result[(f * c + ch) * plane + p] = zero ? 0f : x[(from * c + ch) * plane + p];
            }
        }
        return result;
    }

    /// <summary>Asserts exact equality (shape ops only move values).</summary>
    public static void AssertSame(float[] expected, Tensor actual, string what)
    {
        Assert.AreEqual(expected.Length, actual.Count, $"{what}: element count");
        var a = actual.Data;
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(a[i]))
                Assert.Fail($"{what}: differs at flat index {i}: expected {expected[i]}, got {a[i]}.");
    }
}
