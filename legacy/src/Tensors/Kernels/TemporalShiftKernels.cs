namespace MLVideo.Tensors.Kernels;

/// <summary>
/// TSM's temporal shift on (N*T, C, H, W) data. In one frame the first <c>fold</c> channels, the next
/// <c>fold</c> channels and the rest are each one contiguous run of <c>channels * H * W</c> floats, so a
/// frame is three span copies (or fills with zero at the clip ends).
/// </summary>
internal static class TemporalShiftKernels
{
    /// <summary>
    /// Forward (<paramref name="backward"/> false): block 0 (channels [0, fold)) of frame t comes from
    /// frame t+1, block 1 (channels [fold, 2 fold)) from frame t-1. Backward: the opposite directions,
    /// which routes each gradient back to the frame its value came from.
    /// </summary>
    /// <param name="src">Source, <paramref name="frames"/> x <paramref name="frameSize"/> floats.</param>
    /// <param name="dst">Destination of the same size (every element is written).</param>
    /// <param name="frames">N*T.</param>
    /// <param name="segments">T, the frames per clip.</param>
    /// <param name="frameSize">C*H*W.</param>
    /// <param name="foldSize">fold*H*W.</param>
    /// <param name="backward">Shift in the opposite directions.</param>
    public static void Shift(float[] src, float[] dst, int frames, int segments, int frameSize, int foldSize, bool backward)
    {
        if (frames == 0 || frameSize == 0) return;
        if (segments <= 0 || frames % segments != 0 || 2L * foldSize > frameSize)
            throw new ArgumentException($"TemporalShift kernel: {frames} frames, {segments} segments, frame {frameSize}, fold {foldSize}.");
        var work = new ShiftWork
        {
            Src = src, Dst = dst, Segments = segments, FrameSize = frameSize, FoldSize = foldSize,
            Block0From = backward ? -1 : 1,
        };
        // It runs in every TSM block: split over frames once a chunk holds enough data to pay for a thread.
        CpuParallel.For(frames, work, Math.Max(1, StridedCopyKernels.ParallelGrain / frameSize));
    }

    private struct ShiftWork : IParallelWork
    {
        public float[] Src;
        public float[] Dst;
        public int Segments;
        public int FrameSize;
        public int FoldSize;
        /// <summary>+1: block 0 reads frame t+1 and block 1 frame t-1; -1: the reverse.</summary>
        public int Block0From;

        public readonly void Execute(int start, int end)
        {
            int fold = FoldSize, rest = FrameSize - 2 * fold;
            for (int f = start; f < end; f++)
            {
                int t = f % Segments;
                int frame = f * FrameSize;
                CopyBlock(frame, t, Block0From, 0, fold);
                CopyBlock(frame, t, -Block0From, fold, fold);
                Src.AsSpan(frame + 2 * fold, rest).CopyTo(Dst.AsSpan(frame + 2 * fold, rest));
            }
        }

        /// <summary>Block at <paramref name="offset"/> of this frame = same block of frame t + <paramref name="from"/>, or zero outside the clip.</summary>
        private readonly void CopyBlock(int frame, int t, int from, int offset, int length)
        {
            var target = Dst.AsSpan(frame + offset, length);
            int source = t + from;
            if (source < 0 || source >= Segments) target.Clear();
            else Src.AsSpan(frame + from * FrameSize + offset, length).CopyTo(target);
        }
    }
}
