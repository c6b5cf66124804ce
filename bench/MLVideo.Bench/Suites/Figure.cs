using System.Globalization;

namespace MLVideo.Bench.Suites;

/// <summary>A reported figure: the median over the rounds and the lowest and highest round.</summary>
public readonly record struct Figure(double Median, double Low, double High)
{
    /// <summary>e.g. "48.2 (47.9-49.0)".</summary>
    public string Format(string format) => string.Create(CultureInfo.InvariantCulture,
        $"{Median.ToString(format, CultureInfo.InvariantCulture)} ({Low.ToString(format, CultureInfo.InvariantCulture)}-{High.ToString(format, CultureInfo.InvariantCulture)})");
}
