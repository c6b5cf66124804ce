namespace MLVideo.Trainers.Backbones;

/// <summary>How every backbone turns a base channel count and a width multiplier into a channel count.</summary>
internal static class WidthScaling
{
    /// <summary>Channels are kept multiples of this, so that GSF's channel ratios and the TSM fold stay whole.</summary>
    public const int Divisor = 8;

    /// <summary>
    /// <paramref name="baseWidth"/> x <paramref name="multiplier"/> rounded to a multiple of <see cref="Divisor"/> without
    /// losing more than 10% (torchvision's <c>_make_divisible</c>); a multiplier of 1 leaves torchvision's widths unchanged.
    /// </summary>
    public static int Scale(int baseWidth, double multiplier) => MakeDivisible(baseWidth * multiplier, Divisor);

    /// <summary>torchvision's <c>_make_divisible(value, divisor)</c>: nearest multiple, at least the divisor, at least 90% of the value.</summary>
    public static int MakeDivisible(double value, int divisor)
    {
        int rounded = Math.Max(divisor, (int)(value + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * value) rounded += divisor;
        return rounded;
    }

    /// <summary>Throws unless the multiplier is a finite positive number.</summary>
    public static void Check(double multiplier, string owner)
    {
        if (!(multiplier > 0) || double.IsInfinity(multiplier))
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, $"{owner}: the width multiplier must be a finite positive number.");
    }
}
