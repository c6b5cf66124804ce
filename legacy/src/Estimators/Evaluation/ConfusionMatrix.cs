using System.Globalization;
using System.Text;

namespace MLVideo.Data;

/// <summary>
/// Counts of (actual class, predicted class) pairs: <see cref="Counts"/>[actual][predicted], with
/// precision per predicted class and recall per actual class (0 when a class never occurs).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly double[][] _counts;

    internal ConfusionMatrix(double[][] counts, IReadOnlyList<string> classNames)
    {
        _counts = counts;
        ClassNames = classNames;
        int n = counts.Length;
        var precision = new double[n];
        var recall = new double[n];
        for (int c = 0; c < n; c++)
        {
            double row = 0, column = 0;
            for (int j = 0; j < n; j++)
            {
                row += counts[c][j];
                column += counts[j][c];
            }
            recall[c] = row > 0 ? counts[c][c] / row : 0;
            precision[c] = column > 0 ? counts[c][c] / column : 0;
        }
        PerClassPrecision = precision;
        PerClassRecall = recall;
    }

    /// <summary>Number of classes.</summary>
    public int NumberOfClasses => _counts.Length;

    /// <summary>Precision of each class: correct predictions of it / all predictions of it.</summary>
    public IReadOnlyList<double> PerClassPrecision { get; }

    /// <summary>Recall of each class: correct predictions of it / all instances of it.</summary>
    public IReadOnlyList<double> PerClassRecall { get; }

    /// <summary>Counts[actual][predicted].</summary>
    public IReadOnlyList<IReadOnlyList<double>> Counts => _counts;

    /// <summary>The class names, in class index order (MLVideo addition).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The count of instances of class <paramref name="actualClassIndicatorIndex"/> predicted as <paramref name="predictedClassIndicatorIndex"/>.</summary>
    public double GetCountForClassPair(int predictedClassIndicatorIndex, int actualClassIndicatorIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(predictedClassIndicatorIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(predictedClassIndicatorIndex, NumberOfClasses);
        ArgumentOutOfRangeException.ThrowIfNegative(actualClassIndicatorIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(actualClassIndicatorIndex, NumberOfClasses);
        return _counts[actualClassIndicatorIndex][predictedClassIndicatorIndex];
    }

    /// <summary>The table as text: truth in rows, predictions in columns, recall per row, precision per column.</summary>
    public string GetFormattedConfusionTable()
    {
        int n = NumberOfClasses;
        var inv = CultureInfo.InvariantCulture;
        var counts = _counts.Select(r => r.Select(v => v.ToString("0.##", inv)).ToArray()).ToArray();
        int cell = Math.Max(6, Math.Max(ClassNames.Select(s => s.Length).DefaultIfEmpty(0).Max(), counts.SelectMany(r => r).Select(s => s.Length).DefaultIfEmpty(0).Max()));
        int label = Math.Max(9, ClassNames.Select(s => s.Length).DefaultIfEmpty(0).Max());
        string rule = new('=', n * (cell + 3));
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine("Confusion table");
        sb.Append(' ', label).Append(" ||").AppendLine(rule);
        sb.Append("PREDICTED".PadLeft(label)).Append(" ||");
        foreach (var name in ClassNames) sb.Append(' ').Append(name.PadLeft(cell)).Append(" |");
        sb.AppendLine(" Recall");
        sb.Append("TRUTH".PadRight(label)).Append(" ||").AppendLine(rule);
        for (int i = 0; i < n; i++)
        {
            sb.Append(ClassNames[i].PadLeft(label)).Append(" ||");
            foreach (var v in counts[i]) sb.Append(' ').Append(v.PadLeft(cell)).Append(" |");
            sb.Append(' ').AppendLine(PerClassRecall[i].ToString("0.0000", inv));
        }
        sb.Append(' ', label).Append(" ||").AppendLine(rule);
        sb.Append("Precision".PadLeft(label)).Append(" ||");
        foreach (var p in PerClassPrecision) sb.Append(' ').Append(p.ToString("0.0000", inv).PadLeft(cell)).Append(" |");
        sb.AppendLine();
        return sb.ToString();
    }
}
