using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors.Tests.Kernels;

/// <summary>The strided-copy kernel against a naive element loop, in each of its inner strategies.</summary>
[TestClass]
public sealed class StridedCopyKernelsTests
{
    /// <summary>Naive reference: walks every multi-index of <paramref name="shape"/>.</summary>
    private static void NaiveCopy(float[] src, int srcOffset, int[] srcStrides, float[] dst, int dstOffset, int[] dstStrides, int[] shape)
    {
        int count = shape.Aggregate(1, (a, b) => a * b);
        for (int j = 0; j < count; j++)
        {
            int rem = j, s = srcOffset, d = dstOffset;
            for (int k = shape.Length - 1; k >= 0; k--)
            {
                int i = rem % shape[k];
                rem /= shape[k];
                s += i * srcStrides[k];
                d += i * dstStrides[k];
            }
            dst[d] = src[s];
        }
    }

    private static float[] Iota(int n)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = i + 1;
        return a;
    }

    private static void CheckAgainstNaive(int srcLength, int srcOffset, int[] srcStrides, int dstLength, int dstOffset, int[] dstStrides, int[] shape, string what)
    {
        float[] src = Iota(srcLength);
        var expected = new float[dstLength];
        var actual = new float[dstLength];
        expected.AsSpan().Fill(-1f);
        actual.AsSpan().Fill(-1f);
        NaiveCopy(src, srcOffset, srcStrides, expected, dstOffset, dstStrides, shape);
        StridedCopyKernels.Copy(src, srcOffset, srcStrides, actual, dstOffset, dstStrides, shape);
        CollectionAssert.AreEqual(expected, actual, what);
    }

    [TestMethod]
    public void Copy_EveryInnerLength_MatchesNaive()
    {
        for (int n = 0; n <= 3 * 16 + 1; n++)
        {
            // Run: rows 1..n+1 of a (3, n + 2) matrix into a (3, n) one.
            CheckAgainstNaive(3 * (n + 2), 1, [n + 2, 1], 3 * n, 0, [n, 1], [3, n], $"run n={n}");
            // Fill: stride-0 source.
            CheckAgainstNaive(3, 0, [1, 0], 3 * n, 0, [n, 1], [3, n], $"fill n={n}");
            // Tiled: transpose of an (n, 3) and a (3, n) matrix (tile edges at every position).
            CheckAgainstNaive(3 * n, 0, [1, 3], 3 * n, 0, [n, 1], [3, n], $"tiled (n,3)->(3,n) n={n}");
            CheckAgainstNaive(19 * n, 0, [1, 19], 19 * n, 0, [n, 1], [19, n], $"tiled (n,19)->(19,n) n={n}");
            // Tiled, scattering: contiguous source into a transposed destination.
            CheckAgainstNaive(3 * n, 0, [n, 1], 3 * n, 0, [1, 3], [3, n], $"tiled scatter n={n}");
            // Strided: every other element (slice with step 2), no contiguous dimension on the source side.
            CheckAgainstNaive(4 * n + 1, 1, [2 * n, 2], 2 * n, 0, [n, 1], [2, n], $"strided n={n}");
        }
    }

    [TestMethod]
    public void Copy_Rank0AndEmpty_Handled()
    {
        var dst = new float[] { -1f };
        StridedCopyKernels.Copy([5f], 0, [], dst, 0, [], []);
        Assert.AreEqual(5f, dst[0]);
        StridedCopyKernels.Copy([5f], 0, [1, 1], dst, 0, [1, 1], [0, 3]);
        Assert.AreEqual(5f, dst[0]);
    }

    [TestMethod]
    public void Copy_SingleThreadAndParallel_Identical()
    {
        int[] shape = [4, 64, 33, 17];
        int count = 4 * 64 * 33 * 17;
        float[] src = Iota(count);
        // Destination strides of the permutation (0, 3, 2, 1) written through the tiled path.
        int[] srcStrides = [64 * 33 * 17, 33 * 17, 17, 1];
        int[] dstStrides = [17 * 33 * 64, 1, 64, 64 * 33];
        var serial = new float[count];
        var parallel = new float[count];
        int saved = CpuParallel.MaxDegree;
        try
        {
            CpuParallel.MaxDegree = 1;
            StridedCopyKernels.Copy(src, 0, srcStrides, serial, 0, dstStrides, shape);
            CpuParallel.MaxDegree = 2;
            StridedCopyKernels.Copy(src, 0, srcStrides, parallel, 0, dstStrides, shape);
        }
        finally
        {
            CpuParallel.MaxDegree = saved;
        }
        var expected = new float[count];
        NaiveCopy(src, 0, srcStrides, expected, 0, dstStrides, shape);
        CollectionAssert.AreEqual(expected, serial);
        CollectionAssert.AreEqual(expected, parallel);
    }
}
