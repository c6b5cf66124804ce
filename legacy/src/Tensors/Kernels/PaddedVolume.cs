using System.Buffers;

namespace MLVideo.Tensors.Kernels;

/// <summary>
/// A zero-padded copy of an (N, C, D, H, W) tensor in pooled scratch, with a few floats of zero slack at the
/// end so that "wide" row reads (rows taken with the padded row length) never run past the array.
/// </summary>
internal readonly struct PaddedVolume
{
    private PaddedVolume(float[] data, int batch, int channels, int d, int h, int w)
    {
        Data = data;
        Batch = batch;
        Channels = channels;
        D = d;
        H = h;
        W = w;
    }

    /// <summary>The padded values, (Batch, Channels, D, H, W) then zero slack.</summary>
    public float[] Data { get; }

    public int Batch { get; }

    public int Channels { get; }

    /// <summary>Padded depth.</summary>
    public int D { get; }

    /// <summary>Padded height.</summary>
    public int H { get; }

    /// <summary>Padded width (the row length of every plane).</summary>
    public int W { get; }

    /// <summary>Copies <paramref name="source"/> (N, C, size) with zeros before and after each spatial dimension.</summary>
    public static PaddedVolume Create(float[] source, int batch, int channels, (int D, int H, int W) size,
        (int D, int H, int W) before, (int D, int H, int W) after)
    {
        int d = size.D + before.D + after.D, h = size.H + before.H + after.H, w = size.W + before.W + after.W;
        var padded = Allocate(batch, channels, d, h, w);
        var work = new CopyWork { Source = source, Target = padded.Data, Size = size, Before = before, D = d, H = h, W = w };
        CpuParallel.For(batch * channels, work, Math.Max(1, StridedCopyKernels.ParallelGrain / Math.Max(1, d * h * w)));
        return padded;
    }

    /// <summary>Returns the scratch to the pool.</summary>
    public void Release() => ArrayPool<float>.Shared.Return(Data);

    private static PaddedVolume Allocate(int batch, int channels, int d, int h, int w)
    {
        long length = (long)batch * channels * d * h * w + w + 16;
        if (length > Array.MaxLength) throw new InvalidOperationException($"Padded volume of {length} floats is too large.");
        float[] data = ArrayPool<float>.Shared.Rent((int)length);
        // The slack after the last volume is read by wide rows: it must be zeros (finite), never stale values.
        data.AsSpan((int)((long)batch * channels * d * h * w), w + 16).Clear();
        return new PaddedVolume(data, batch, channels, d, h, w);
    }

    private struct CopyWork : IParallelWork
    {
        public float[] Source, Target;
        public (int D, int H, int W) Size, Before;
        public int D, H, W;

        public readonly void Execute(int start, int end)
        {
            int sourceVolume = Size.D * Size.H * Size.W, targetVolume = D * H * W;
            for (int nc = start; nc < end; nc++)
            {
                var target = Target.AsSpan(nc * targetVolume, targetVolume);
                target.Clear();
                for (int z = 0; z < Size.D; z++)
                    for (int y = 0; y < Size.H; y++)
                        Source.AsSpan(nc * sourceVolume + (z * Size.H + y) * Size.W, Size.W)
                            .CopyTo(target.Slice(((z + Before.D) * H + y + Before.H) * W + Before.W, Size.W));
            }
        }
    }
}
