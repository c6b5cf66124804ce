namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Copies an n-dimensional box between two strided layouts over flat float arrays. Every data-moving
/// shape op reduces to this: permute (permuted source strides), expand (zero strides), slice/select
/// (offset and stepped strides), cat/split/stack/roll (row blocks) and pad (sub-boxes).
/// </summary>
/// <remarks>
/// Dimensions of size 1 are dropped and dimensions that are adjacent in both layouts are merged first,
/// so the innermost loop is as long as possible. Then one of four inner strategies is used:
/// a contiguous run (span copy), a fill (source stride 0), a 16x16 tiled transpose when each side is
/// contiguous along a different dimension, or a plain strided loop. The outer dimensions are walked
/// with an odometer, in parallel chunks when the copy is large. The kernel takes arrays rather than
/// spans because the parallel work item must be an ordinary (non-ref) struct.
/// </remarks>
internal static class StridedCopyKernels
{
    /// <summary>Elements per parallel chunk below which a copy stays on one thread (copies are memory bound).</summary>
    internal const int ParallelGrain = 1 << 15;

    private const int Tile = 16;

    /// <summary>
    /// dst[dstOffset + sum_d i_d * dstStrides[d]] = src[srcOffset + sum_d i_d * srcStrides[d]] for every index
    /// i of <paramref name="shape"/>. The destination positions must not overlap the source.
    /// </summary>
    public static void Copy(
        float[] src, int srcOffset, ReadOnlySpan<int> srcStrides,
        float[] dst, int dstOffset, ReadOnlySpan<int> dstStrides,
        ReadOnlySpan<int> shape)
    {
        if (srcStrides.Length != shape.Length || dstStrides.Length != shape.Length)
            throw new ArgumentException($"StridedCopy: rank {shape.Length} with {srcStrides.Length} source and {dstStrides.Length} destination strides.");
        int rank = shape.Length;
        Span<int> size = stackalloc int[rank];
        Span<int> ss = stackalloc int[rank];
        Span<int> ds = stackalloc int[rank];
        int r = 0;
        for (int d = 0; d < rank; d++)
        {
            if (shape[d] == 0) return;
            if (shape[d] == 1) continue; // contributes no offset
            // Merge with the previous kept dimension when both layouts step through them as one.
            if (r > 0 && ss[r - 1] == srcStrides[d] * shape[d] && ds[r - 1] == dstStrides[d] * shape[d])
            {
                size[r - 1] *= shape[d];
                ss[r - 1] = srcStrides[d];
                ds[r - 1] = dstStrides[d];
                continue;
            }
            size[r] = shape[d];
            ss[r] = srcStrides[d];
            ds[r] = dstStrides[d];
            r++;
        }
        if (r == 0)
        {
            dst[dstOffset] = src[srcOffset];
            return;
        }

        int last = r - 1;
        int tileDim = -1;
        CopyMode mode;
        if (ss[last] == 1 && ds[last] == 1) mode = CopyMode.Run;
        else if (ss[last] == 0 && ds[last] == 1) mode = CopyMode.Fill;
        else
        {
            // A transpose: the destination is contiguous along `last` and the source along another
            // dimension (or the reverse); tiling keeps both the reads and the writes in cache.
            if (ds[last] == 1 || ss[last] == 1)
            {
                ReadOnlySpan<int> other = ds[last] == 1 ? ss : ds;
                for (int d = last - 1; d >= 0; d--)
                    if (other[d] == 1) { tileDim = d; break; }
            }
            mode = tileDim >= 0 ? CopyMode.Tiled : CopyMode.Strided;
        }

        // Outer dimensions: all but `last` (and but the tiled one, which is walked in tile blocks).
        int outerRank = mode == CopyMode.Tiled ? r - 2 : r - 1;
        var outerSize = new int[Math.Max(outerRank, 0) + 1];
        var outerSrc = new int[outerSize.Length];
        var outerDst = new int[outerSize.Length];
        int k = 0;
        long units = 1;
        for (int d = 0; d < last; d++)
        {
            if (d == tileDim) continue;
            outerSize[k] = size[d];
            outerSrc[k] = ss[d];
            outerDst[k] = ds[d];
            units *= size[d];
            k++;
        }
        int tileBlocks = 1;
        if (mode == CopyMode.Tiled)
        {
            // The tiled dimension's blocks become the innermost outer "dimension", so a big 2-D
            // transpose still splits across threads.
            tileBlocks = (size[tileDim] + Tile - 1) / Tile;
            outerSize[k] = tileBlocks;
            outerSrc[k] = ss[tileDim] * Tile;
            outerDst[k] = ds[tileDim] * Tile;
            units *= tileBlocks;
            k++;
        }

        var work = new CopyWork
        {
            Src = src, SrcOffset = srcOffset, Dst = dst, DstOffset = dstOffset,
            OuterRank = k, OuterSize = outerSize, OuterSrc = outerSrc, OuterDst = outerDst,
            Mode = mode, InnerSize = size[last], InnerSrc = ss[last], InnerDst = ds[last],
            TileSize = tileDim >= 0 ? size[tileDim] : 0, TileSrc = tileDim >= 0 ? ss[tileDim] : 0,
            TileDst = tileDim >= 0 ? ds[tileDim] : 0,
        };
        long perUnit = mode == CopyMode.Tiled ? (long)size[last] * Tile : size[last];
        int minUnits = (int)Math.Max(1, ParallelGrain / Math.Max(1, perUnit));
        CpuParallel.For((int)units, work, minUnits);
    }

    /// <summary>
    /// Copies <paramref name="rows"/> rows of <paramref name="length"/> elements: row o goes from
    /// src[srcOffset + o * srcRowStride] to dst[dstOffset + o * dstRowStride]. The copy behind cat and split.
    /// </summary>
    public static void CopyRows(float[] src, int srcOffset, int srcRowStride, float[] dst, int dstOffset, int dstRowStride, int rows, int length)
    {
        if (rows == 0 || length == 0) return;
        Copy(src, srcOffset, [srcRowStride, 1], dst, dstOffset, [dstRowStride, 1], [rows, length]);
    }

    private enum CopyMode
    {
        Run,
        Fill,
        Tiled,
        Strided,
    }

    private struct CopyWork : IParallelWork
    {
        public float[] Src;
        public int SrcOffset;
        public float[] Dst;
        public int DstOffset;
        public int OuterRank;
        public int[] OuterSize;
        public int[] OuterSrc;
        public int[] OuterDst;
        public CopyMode Mode;
        public int InnerSize;
        public int InnerSrc;
        public int InnerDst;
        public int TileSize;
        public int TileSrc;
        public int TileDst;

        public readonly void Execute(int start, int end)
        {
            Span<int> index = stackalloc int[Math.Max(OuterRank, 1)];
            // Position the odometer at `start`.
            int rem = start, so = SrcOffset, dOff = DstOffset;
            for (int d = OuterRank - 1; d >= 0; d--)
            {
                int i = rem % OuterSize[d];
                rem /= OuterSize[d];
                index[d] = i;
                so += i * OuterSrc[d];
                dOff += i * OuterDst[d];
            }
            int tileBlock = Mode == CopyMode.Tiled ? index[OuterRank - 1] : 0;
            for (int u = start; u < end; u++)
            {
                switch (Mode)
                {
                    case CopyMode.Run:
                        Src.AsSpan(so, InnerSize).CopyTo(Dst.AsSpan(dOff, InnerSize));
                        break;
                    case CopyMode.Fill:
                        Dst.AsSpan(dOff, InnerSize).Fill(Src[so]);
                        break;
                    case CopyMode.Tiled:
                        CopyTileRow(so, dOff, Math.Min(Tile, TileSize - tileBlock * Tile));
                        break;
                    default:
                        CopyStrided(so, dOff);
                        break;
                }
                // Advance the odometer.
                for (int d = OuterRank - 1; d >= 0; d--)
                {
                    so += OuterSrc[d];
                    dOff += OuterDst[d];
                    if (++index[d] < OuterSize[d]) break;
                    so -= OuterSrc[d] * OuterSize[d];
                    dOff -= OuterDst[d] * OuterSize[d];
                    index[d] = 0;
                }
                if (Mode == CopyMode.Tiled) tileBlock = index[OuterRank - 1];
            }
        }

        private readonly void CopyStrided(int so, int dOff)
        {
            float[] src = Src, dst = Dst;
            for (int j = 0; j < InnerSize; j++, so += InnerSrc, dOff += InnerDst) dst[dOff] = src[so];
        }

        /// <summary>One block of up to 16 positions of the tiled dimension, across the inner dimension in 16-wide tiles.</summary>
        private readonly void CopyTileRow(int so, int dOff, int rowsInBlock)
        {
            float[] src = Src, dst = Dst;
            for (int j0 = 0; j0 < InnerSize; j0 += Tile)
            {
                int jn = Math.Min(Tile, InnerSize - j0);
                for (int i = 0; i < rowsInBlock; i++)
                {
                    int s = so + i * TileSrc + j0 * InnerSrc;
                    int d = dOff + i * TileDst + j0 * InnerDst;
                    for (int j = 0; j < jn; j++, s += InnerSrc, d += InnerDst) dst[d] = src[s];
                }
            }
        }
    }
}
