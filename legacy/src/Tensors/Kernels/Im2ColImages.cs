namespace MLVideo.Tensors.Kernels;

/// <summary>
/// im2col and col2im for tiles of whole images (the batched tiles of <see cref="ConvTilePlan"/>, and any
/// tile that covers one full image). Compared with calling <see cref="Im2Col"/> once per image, it makes one
/// parallel dispatch per tile and computes each row's valid output-width range once instead of once per
/// output row and image: on the small feature maps of late ResNet stages (7x7, 4x4) those per-run costs
/// outweighed the copying itself.
/// </summary>
internal static class Im2ColImages
{
    /// <summary>
    /// Writes cols[r * ldCols + i * S + s] for every column row r, image i in [0, images) and output
    /// position s of image n0 + i, group <paramref name="group"/>.
    /// </summary>
    public static void Pack(in ConvGeometry g, float[] input, int n0, int images, int group, float[] cols, int ldCols)
    {
        var work = new PackWork { G = g, Input = input, N0 = n0, Images = images, Group = group, Cols = cols, Ld = ldCols };
        int perRow = Math.Max(1, images * g.OutSpatial);
        CpuParallel.For(g.ColumnRows, work, Math.Max(1, StridedCopyKernels.ParallelGrain / perRow));
    }

    /// <summary>The adjoint of <see cref="Pack"/>: adds every column entry onto the input position it was read from.</summary>
    public static void AccumulateBack(in ConvGeometry g, float[] cols, int ldCols, int n0, int images, int group, float[] gradInput)
    {
        var work = new UnpackWork { G = g, Cols = cols, Ld = ldCols, N0 = n0, Images = images, Group = group, Grad = gradInput };
        // Parallel over input channels: a channel's rows only write that channel's planes, so no two threads
        // touch the same element and the order of the additions is fixed.
        int perChannel = Math.Max(1, images * g.OutSpatial * g.KernelVolume);
        CpuParallel.For(g.InPerGroup, work, Math.Max(1, StridedCopyKernels.ParallelGrain / perChannel));
    }

    /// <summary>Offsets of one column row's tap and its valid output-width range (the same for every output row).</summary>
    private readonly struct RowTap
    {
        public RowTap(in ConvGeometry g, int row)
        {
            g.TapOffsets(row, out int offT, out int offH, out int offW);
            OffT = offT;
            OffH = offH;
            OffW = offW;
            ConvGeometry.ValidRange(OffW, g.SW, g.InW, g.OutW, out int lo, out int hi);
            Lo = lo;
            Hi = hi;
        }

        public int OffT { get; }
        public int OffH { get; }
        public int OffW { get; }
        public int Lo { get; }
        public int Hi { get; }
    }

    private struct PackWork : IParallelWork
    {
        public ConvGeometry G;
        public float[] Input;
        public int N0;
        public int Images;
        public int Group;
        public float[] Cols;
        public int Ld;

        public readonly void Execute(int start, int end)
        {
            var g = G;
            int kvol = g.KernelVolume, spatial = g.OutSpatial, outW = g.OutW, sw = g.SW;
            for (int r = start; r < end; r++)
            {
                var tap = new RowTap(g, r);
                int channel = Group * g.InPerGroup + r / kvol;
                int lo = tap.Lo, hi = tap.Hi;
                for (int i = 0; i < Images; i++)
                {
                    int plane = ((N0 + i) * g.InChannels + channel) * g.InSpatial;
                    Span<float> dst = Cols.AsSpan(r * Ld + i * spatial, spatial);
                    int s = 0;
                    for (int od = 0; od < g.OutD; od++)
                    {
                        int id = od * g.SD + tap.OffT;
                        if ((uint)id >= (uint)g.InD)
                        {
                            dst.Slice(s, g.OutH * outW).Clear();
                            s += g.OutH * outW;
                            continue;
                        }
                        for (int oh = 0; oh < g.OutH; oh++, s += outW)
                        {
                            int ih = oh * g.SH + tap.OffH;
                            Span<float> segment = dst.Slice(s, outW);
                            if ((uint)ih >= (uint)g.InH || hi <= lo)
                            {
                                segment.Clear();
                                continue;
                            }
                            if (lo > 0) segment[..lo].Clear();
                            if (hi < outW) segment[hi..].Clear();
                            int source = plane + (id * g.InH + ih) * g.InW + tap.OffW + lo * sw;
                            ConvVectorOps.GatherStrided(Input.AsSpan(source), sw, segment[lo..hi]);
                        }
                    }
                }
            }
        }
    }

    private struct UnpackWork : IParallelWork
    {
        public ConvGeometry G;
        public float[] Cols;
        public int Ld;
        public int N0;
        public int Images;
        public int Group;
        public float[] Grad;

        public readonly void Execute(int start, int end)
        {
            var g = G;
            int kvol = g.KernelVolume, spatial = g.OutSpatial, outW = g.OutW, sw = g.SW;
            for (int c = start; c < end; c++)
            {
                for (int r = c * kvol; r < (c + 1) * kvol; r++)
                {
                    var tap = new RowTap(g, r);
                    int lo = tap.Lo, hi = tap.Hi;
                    if (hi <= lo) continue;
                    for (int i = 0; i < Images; i++)
                    {
                        int plane = ((N0 + i) * g.InChannels + Group * g.InPerGroup + c) * g.InSpatial;
                        ReadOnlySpan<float> src = Cols.AsSpan(r * Ld + i * spatial, spatial);
                        for (int od = 0; od < g.OutD; od++)
                        {
                            int id = od * g.SD + tap.OffT;
                            if ((uint)id >= (uint)g.InD) continue;
                            for (int oh = 0; oh < g.OutH; oh++)
                            {
                                int ih = oh * g.SH + tap.OffH;
                                if ((uint)ih >= (uint)g.InH) continue;
                                var segment = src.Slice((od * g.OutH + oh) * outW + lo, hi - lo);
                                int target = plane + (id * g.InH + ih) * g.InW + tap.OffW + lo * sw;
                                if (sw == 1) ConvVectorOps.Axpy(1f, segment, Grad.AsSpan(target, hi - lo));
                                else for (int j = 0; j < segment.Length; j++) Grad[target + j * sw] += segment[j];
                            }
                        }
                    }
                }
            }
        }
    }
}
