using System.Globalization;

namespace MLVideo.Bench.Suites;

/// <summary>One figure over the rounds: the lowest round, the median of the rounds, the highest round.</summary>
public readonly record struct Figure(double Lowest, double Median, double Highest)
{
    /// <summary>
    /// The value reported for a time: the lowest round. On a shared machine other work only ever adds time, so the
    /// least disturbed round is the closest to the contender's own cost; every round is printed during the run.
    /// </summary>
    public double Time => Lowest;

    /// <summary>The value reported for memory, which other work does not inflate: the median of the rounds.</summary>
    public double Memory => Median;

    /// <summary>A number with the invariant culture, e.g. "48.2".</summary>
    public static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
