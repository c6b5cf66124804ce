namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Column packing for convolution as GEMM (im2col; vol2col for 3-D, where 2-D is depth 1). For one
/// image and one group, row r = ((c * kD + kt) * kH + kh) * kW + kw of the column matrix holds, for each
/// output position s, the input value that tap (kt, kh, kw) of channel c meets at s (zero in the padding).
/// A column range [s0, s0 + count) can be packed on its own, so large 3-D volumes are processed in tiles
/// and the scratch buffer stays small.
/// </summary>
internal static class Im2Col
{
    /// <summary>
    /// Writes cols[colOffset + r * ldCols + j] for every row r and j in [0, count), from output
    /// positions s0 + j of image <paramref name="imageOffset"/> (offset of its channel 0) and group <paramref name="group"/>.
    /// </summary>
    public static void Pack(in ConvGeometry g, float[] input, int imageOffset, int group, int s0, int count,
        float[] cols, int colOffset, int ldCols)
    {
        var work = new PackWork
        {
            G = g, Input = input, ImageOffset = imageOffset, Group = group, S0 = s0, Count = count,
            Cols = cols, ColOffset = colOffset, Ld = ldCols,
        };
        CpuParallel.For(g.ColumnRows, work, Math.Max(1, StridedCopyKernels.ParallelGrain / Math.Max(1, count)));
    }

    /// <summary>
    /// The adjoint of <see cref="Pack"/> (col2im): adds every column entry back onto the input position
    /// it was read from, into <paramref name="gradInput"/>. Overlapping taps accumulate.
    /// </summary>
    public static void AccumulateBack(in ConvGeometry g, float[] cols, int colOffset, int ldCols, int group, int s0, int count,
        float[] gradInput, int imageOffset)
    {
        var work = new UnpackWork
        {
            G = g, Cols = cols, ColOffset = colOffset, Ld = ldCols, Group = group, S0 = s0, Count = count,
            Grad = gradInput, ImageOffset = imageOffset,
        };
        // Parallel over input channels: each channel's rows write only that channel's plane, so
        // threads never touch the same element and the order of additions is fixed.
        int perChannel = Math.Max(1, count * g.KernelVolume);
        CpuParallel.For(g.InPerGroup, work, Math.Max(1, StridedCopyKernels.ParallelGrain / perChannel));
    }

    /// <summary>Walks the output positions [s0, s0 + count) of one row as runs along the output width.</summary>
    private static void VisitRow(in ConvGeometry g, int row, int s0, int count, bool pack,
        float[] image, int planeOffset, Span<float> colRow)
    {
        g.TapOffsets(row, out int offT, out int offH, out int offW);
        int outHW = g.OutH * g.OutW;
        int od = s0 / outHW, oh = s0 % outHW / g.OutW, ow = s0 % g.OutW;
        int sw = g.SW;
        for (int j = 0; j < count;)
        {
            int run = Math.Min(count - j, g.OutW - ow);
            var segment = colRow.Slice(j, run);
            int id = od * g.SD + offT, ih = oh * g.SH + offH;
            if ((uint)id < (uint)g.InD && (uint)ih < (uint)g.InH)
            {
                int rowStart = planeOffset + (id * g.InH + ih) * g.InW;
                int iw0 = ow * sw + offW;
                ConvGeometry.ValidRange(iw0, sw, g.InW, run, out int lo, out int hi);
                if (pack)
                {
                    segment[..lo].Clear();
                    segment[hi..].Clear();
                    if (hi > lo) ConvVectorOps.GatherStrided(image.AsSpan(rowStart + iw0 + lo * sw), sw, segment[lo..hi]);
                }
                else if (sw == 1) ConvVectorOps.Axpy(1f, segment[lo..hi], image.AsSpan(rowStart + iw0 + lo, hi - lo));
                else for (int i = lo; i < hi; i++) image[rowStart + iw0 + i * sw] += segment[i];
            }
            else if (pack) segment.Clear();
            j += run;
            ow = 0;
            if (++oh == g.OutH)
            {
                oh = 0;
                od++;
            }
        }
    }

    private struct PackWork : IParallelWork
    {
        public ConvGeometry G;
        public float[] Input;
        public int ImageOffset;
        public int Group;
        public int S0;
        public int Count;
        public float[] Cols;
        public int ColOffset;
        public int Ld;

        public readonly void Execute(int start, int end)
        {
            int kvol = G.KernelVolume;
            for (int r = start; r < end; r++)
            {
                int channel = Group * G.InPerGroup + r / kvol;
                VisitRow(G, r, S0, Count, pack: true, Input, ImageOffset + channel * G.InSpatial,
                    Cols.AsSpan(ColOffset + r * Ld, Count));
            }
        }
    }

    private struct UnpackWork : IParallelWork
    {
        public ConvGeometry G;
        public float[] Cols;
        public int ColOffset;
        public int Ld;
        public int Group;
        public int S0;
        public int Count;
        public float[] Grad;
        public int ImageOffset;

        public readonly void Execute(int start, int end)
        {
            int kvol = G.KernelVolume;
            for (int c = start; c < end; c++)
            {
                int planeOffset = ImageOffset + (Group * G.InPerGroup + c) * G.InSpatial;
                for (int r = c * kvol; r < (c + 1) * kvol; r++)
                    VisitRow(G, r, S0, Count, pack: false, Grad, planeOffset, Cols.AsSpan(ColOffset + r * Ld, Count));
            }
        }
    }
}
