namespace MLVideo.Tensors.Kernels;

/// <summary>Inverted dropout masks. The draw is serial (one generator, one stream), so a seed fixes the mask.</summary>
internal static class DropoutKernels
{
    /// <summary>
    /// Fills <paramref name="mask"/> with 0 (probability <paramref name="p"/>) or 1/(1 − p), one uniform draw per
    /// element in order. p = 1 gives an all-zero mask (not NaN).
    /// </summary>
    public static void FillMask(Span<float> mask, float p, Generator generator)
    {
        float keep = p >= 1f ? 0f : 1f / (1f - p);
        for (int i = 0; i < mask.Length; i++) mask[i] = generator.NextSingle() < p ? 0f : keep;
    }
}
