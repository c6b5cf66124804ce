using MLVideo.Tensors;
using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Training;

/// <summary>
/// Inference over rows of the feature column: every view of every row goes through the model in one batch, and
/// the views of a row are combined into class probabilities (probability or logit averaging).
/// </summary>
internal static class ClipPredictor
{
    /// <summary>
    /// Writes the class probabilities of each row of <paramref name="rows"/> (each <see cref="ClipGeometry.RowLength"/>
    /// floats) into <paramref name="probabilities"/> (rows x classes). The model must be in eval mode.
    /// </summary>
    public static void Predict(VideoClassifier model, ClipGeometry geometry, ViewAveraging averaging, IReadOnlyList<float[]> rows, Span<float> probabilities)
    {
        int classes = model.NumClasses, views = geometry.Views, count = rows.Count;
        if (probabilities.Length != count * classes) throw new ArgumentException("Probability buffer has the wrong length.", nameof(probabilities));
        using var scope = TensorScope.Begin();
        using var noGrad = Autograd.NoGrad();
        var input = new Tensor(geometry.InputShape(count * views));
        var data = input.Data;
        for (int r = 0; r < count; r++)
        {
            if (rows[r].Length != geometry.RowLength)
                throw new ArgumentException($"Row {r} has {rows[r].Length} values; the feature column promises {geometry.RowLength}.", nameof(rows));
            rows[r].AsSpan().CopyTo(data.Slice(r * geometry.RowLength, geometry.RowLength));
        }
        var logits = model.Forward(input).Data;                       // (rows*views, classes)
        var scratch = new float[classes];
        for (int r = 0; r < count; r++)
        {
            var target = probabilities.Slice(r * classes, classes);
            target.Clear();
            for (int v = 0; v < views; v++)
            {
                var viewLogits = logits.Slice((r * views + v) * classes, classes);
                if (averaging == ViewAveraging.Logits)
                {
                    for (int k = 0; k < classes; k++) target[k] += viewLogits[k] / views;
                }
                else
                {
                    Softmax(viewLogits, scratch);
                    for (int k = 0; k < classes; k++) target[k] += scratch[k] / views;
                }
            }
            if (averaging == ViewAveraging.Logits)
            {
                target.CopyTo(scratch);
                Softmax(scratch, target);
            }
        }
    }

    /// <summary>Numerically stable softmax of one row (in double).</summary>
    private static void Softmax(ReadOnlySpan<float> logits, Span<float> result)
    {
        float max = float.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        double sum = 0;
        for (int k = 0; k < logits.Length; k++) sum += Math.Exp(logits[k] - max);
        for (int k = 0; k < logits.Length; k++) result[k] = (float)(Math.Exp(logits[k] - max) / sum);
    }
}
