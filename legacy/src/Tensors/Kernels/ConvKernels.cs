namespace MLVideo.Tensors.Kernels;

/// <summary>
/// Convolution (2-D and 3-D, any stride, padding, dilation, groups) as GEMM over column matrices.
/// Per group g and tile of columns: forward Y_g = W_g * cols_g; grad input dcols_g = W_g^T * dY_g then
/// col2im; grad weight dW_g += dY_g * cols_g^T, accumulated tile by tile in a fixed order so the result
/// does not depend on threading. A 1x1 stride-1 unpadded convolution skips im2col: each image's (C, S)
/// block already is the column matrix.
/// </summary>
internal static class ConvKernels
{
    /// <summary>output (N, Cout, S) = conv(input, weight) + bias. Every output element is written.</summary>
    public static void Forward(in ConvGeometry g, float[] input, float[] weight, float[]? bias, float[] output)
    {
        if (NarrowOutputConvKernels.Applies(g))
        {
            NarrowOutputConvKernels.Forward(g, input, weight, bias, output);
            return;
        }
        var plan = ConvTilePlan.For(g);
        int k = g.ColumnRows, spatial = g.OutSpatial, inSpatial = g.InSpatial;
        int outPerGroup = g.OutPerGroup;
        bool direct = g.IsPointwise && !plan.Batched;
        var cols = direct ? null : TensorStorage.Rent(k * plan.MaxColumns, clear: false);
        var staging = plan.Batched ? TensorStorage.Rent(g.OutChannels * plan.MaxColumns, clear: false) : null;
        try
        {
            for (int t = 0; t < plan.TileCount; t++)
            {
                plan.GetTile(t, out int n0, out int images, out int s0, out int count);
                int columns = images * count;
                for (int grp = 0; grp < g.Groups; grp++)
                {
                    float[] b;
                    int bOffset, ldb;
                    if (direct)
                    {
                        (b, bOffset, ldb) = (input, (n0 * g.InChannels + grp * g.InPerGroup) * inSpatial + s0, inSpatial);
                    }
                    else
                    {
                        PackTile(g, input, n0, images, grp, s0, count, cols!.Array);
                        (b, bOffset, ldb) = (cols!.Array, 0, columns);
                    }
                    float[] c = plan.Batched ? staging!.Array : output;
                    int cOffset = plan.Batched ? grp * outPerGroup * columns : (n0 * g.OutChannels + grp * outPerGroup) * spatial + s0;
                    int ldc = plan.Batched ? columns : spatial;
                    Gemm.Sgemm(false, false, outPerGroup, columns, k, 1f,
                        weight.AsSpan(grp * outPerGroup * k, outPerGroup * k), k, b.AsSpan(bOffset), ldb, 0f, c.AsSpan(cOffset), ldc);
                }
                if (plan.Batched) Regroup(staging!.Array, output, g.OutChannels, n0, images, spatial, toStaging: false);
            }
        }
        finally
        {
            cols?.Release();
            staging?.Release();
        }
        if (bias is not null) AddBias(output, bias, g.Batch, g.OutChannels, spatial);
    }

    /// <summary>
    /// Gradients of the input (added into the zero-filled <paramref name="gradInput"/>) and of the weight
    /// (added into the zero-filled <paramref name="gradWeight"/>); either may be null when not needed.
    /// The columns are recomputed from the input rather than kept from the forward pass, which would
    /// hold kernel-volume times the input in memory per layer.
    /// </summary>
    public static void Backward(in ConvGeometry g, float[] input, float[] weight, float[] gradOutput, float[]? gradInput, float[]? gradWeight)
    {
        if (gradInput is null && gradWeight is null) return;
        if (NarrowOutputConvKernels.Applies(g))
        {
            NarrowOutputConvKernels.Backward(g, input, weight, gradOutput, gradInput, gradWeight);
            return;
        }
        var plan = ConvTilePlan.For(g);
        int k = g.ColumnRows, spatial = g.OutSpatial, inSpatial = g.InSpatial;
        int outPerGroup = g.OutPerGroup;
        bool direct = g.IsPointwise && !plan.Batched;
        var cols = !direct && gradWeight is not null ? TensorStorage.Rent(k * plan.MaxColumns, clear: false) : null;
        var gradCols = !direct && gradInput is not null ? TensorStorage.Rent(k * plan.MaxColumns, clear: false) : null;
        var staging = plan.Batched ? TensorStorage.Rent(g.OutChannels * plan.MaxColumns, clear: false) : null;
        try
        {
            for (int t = 0; t < plan.TileCount; t++)
            {
                plan.GetTile(t, out int n0, out int images, out int s0, out int count);
                int columns = images * count;
                if (plan.Batched) Regroup(staging!.Array, gradOutput, g.OutChannels, n0, images, spatial, toStaging: true);
                for (int grp = 0; grp < g.Groups; grp++)
                {
                    float[] dy = plan.Batched ? staging!.Array : gradOutput;
                    int dyOffset = plan.Batched ? grp * outPerGroup * columns : (n0 * g.OutChannels + grp * outPerGroup) * spatial + s0;
                    int ldDy = plan.Batched ? columns : spatial;
                    int inputOffset = (n0 * g.InChannels + grp * g.InPerGroup) * inSpatial + s0;
                    var groupWeight = weight.AsSpan(grp * outPerGroup * k, outPerGroup * k);

                    if (gradWeight is not null)
                    {
                        float[] x = direct ? input : cols!.Array;
                        int xOffset = direct ? inputOffset : 0, ldx = direct ? inSpatial : columns;
                        if (!direct) PackTile(g, input, n0, images, grp, s0, count, cols!.Array);
                        Gemm.Sgemm(false, true, outPerGroup, k, columns, 1f, dy.AsSpan(dyOffset), ldDy,
                            x.AsSpan(xOffset), ldx, 1f, gradWeight.AsSpan(grp * outPerGroup * k, outPerGroup * k), k);
                    }

                    if (gradInput is not null)
                    {
                        if (direct)
                        {
                            // Tiles and groups partition gradInput, so each element is written exactly once.
                            Gemm.Sgemm(true, false, k, columns, outPerGroup, 1f, groupWeight, k, dy.AsSpan(dyOffset), ldDy,
                                0f, gradInput.AsSpan(inputOffset), inSpatial);
                        }
                        else
                        {
                            Gemm.Sgemm(true, false, k, columns, outPerGroup, 1f, groupWeight, k, dy.AsSpan(dyOffset), ldDy,
                                0f, gradCols!.Array, columns);
                            if (s0 == 0 && count == spatial)
                                Im2ColImages.AccumulateBack(g, gradCols.Array, columns, n0, images, grp, gradInput);
                            else
                                for (int i = 0; i < images; i++)
                                    Im2Col.AccumulateBack(g, gradCols.Array, i * count, columns, grp, s0, count, gradInput, (n0 + i) * g.InChannels * inSpatial);
                        }
                    }
                }
            }
        }
        finally
        {
            cols?.Release();
            gradCols?.Release();
            staging?.Release();
        }
    }

    /// <summary>gradBias[c] = sum over images and positions of gradOutput[n, c, s], in a fixed order.</summary>
    public static void BiasBackward(float[] gradOutput, float[] gradBias, int batch, int channels, int spatial)
    {
        var work = new BiasGradWork { GradOutput = gradOutput, GradBias = gradBias, Batch = batch, Channels = channels, Spatial = spatial };
        CpuParallel.For(channels, work, Math.Max(1, StridedCopyKernels.ParallelGrain / Math.Max(1, batch * spatial)));
    }

    /// <summary>output[n, c, :] += bias[c].</summary>
    private static void AddBias(float[] output, float[] bias, int batch, int channels, int spatial)
    {
        var work = new AddBiasWork { Output = output, Bias = bias, Channels = channels, Spatial = spatial };
        CpuParallel.For(batch * channels, work, Math.Max(1, StridedCopyKernels.ParallelGrain / Math.Max(1, spatial)));
    }

    /// <summary>Packs the tile's columns of each of its images side by side (ld = images * count).</summary>
    private static void PackTile(in ConvGeometry g, float[] input, int n0, int images, int grp, int s0, int count, float[] cols)
    {
        int columns = images * count;
        if (s0 == 0 && count == g.OutSpatial)
        {
            Im2ColImages.Pack(g, input, n0, images, grp, cols, columns);
            return;
        }
        for (int i = 0; i < images; i++)
            Im2Col.Pack(g, input, (n0 + i) * g.InChannels * g.InSpatial, grp, s0, count, cols, i * count, columns);
    }

    /// <summary>
    /// Moves whole planes between the tensor layout (N, C, S) and the staging layout (C, images, S) in
    /// which the images of a tile are adjacent GEMM columns.
    /// </summary>
    private static void Regroup(float[] staging, float[] tensor, int channels, int n0, int images, int spatial, bool toStaging)
    {
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < images; i++)
            {
                var inStaging = staging.AsSpan((c * images + i) * spatial, spatial);
                var inTensor = tensor.AsSpan(((n0 + i) * channels + c) * spatial, spatial);
                if (toStaging) inTensor.CopyTo(inStaging);
                else inStaging.CopyTo(inTensor);
            }
        }
    }

    private struct AddBiasWork : IParallelWork
    {
        public float[] Output;
        public float[] Bias;
        public int Channels;
        public int Spatial;

        public readonly void Execute(int start, int end)
        {
            for (int p = start; p < end; p++)
                ConvVectorOps.AddScalar(Output.AsSpan(p * Spatial, Spatial), Bias[p % Channels]);
        }
    }

    private struct BiasGradWork : IParallelWork
    {
        public float[] GradOutput;
        public float[] GradBias;
        public int Batch;
        public int Channels;
        public int Spatial;

        public readonly void Execute(int start, int end)
        {
            for (int c = start; c < end; c++)
            {
                double sum = 0;
                for (int n = 0; n < Batch; n++)
                    sum += ConvVectorOps.Sum(GradOutput.AsSpan((n * Channels + c) * Spatial, Spatial));
                GradBias[c] = (float)sum;
            }
        }
    }
}
