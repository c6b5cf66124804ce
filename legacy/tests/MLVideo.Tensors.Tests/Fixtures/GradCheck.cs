using MLVideo.Tensors;

namespace MLVideo.Tensors.Tests.Fixtures;

/// <summary>
/// Finite-difference gradient checks: compares autograd's gradient of sum(f(inputs) * w) (w a fixed
/// random weight, so every output element matters) with central differences computed in float32
/// (double accumulation of the loss). Use small, well-conditioned inputs.
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Checks every input that requires grad. <paramref name="eps"/> is the perturbation;
    /// tolerance is |auto - numeric| &lt;= atol + rtol * |numeric|.
    /// </summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-2, double atol = 2e-3, double rtol = 2e-2, int seed = 7, int maxChecksPerInput = 64)
    {
        var gen = new Generator((ulong)seed);
        Tensor probe;
        using (Autograd.NoGrad()) probe = f(inputs);
        var weight = Tensor.Randn(probe.ShapeArray, gen);

        foreach (var t in inputs) t.ZeroGrad();
        var output = f(inputs);
        output.Backward(weight); // gradient of sum(output * weight)

        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            if (!x.RequiresGrad) continue;
            Assert.IsNotNull(x.Grad, $"input {k} got no gradient");
            var data = x.Data;
            int checks = Math.Min(data.Length, maxChecksPerInput);
            for (int c = 0; c < checks; c++)
            {
                int i = data.Length <= maxChecksPerInput ? c : gen.NextInt(data.Length);
                float saved = data[i];
                double plus, minus;
                using (Autograd.NoGrad())
                {
                    data[i] = saved + (float)eps;
                    plus = LossValue(f(inputs), weight);
                    data[i] = saved - (float)eps;
                    minus = LossValue(f(inputs), weight);
                    data[i] = saved;
                }
                double numeric = (plus - minus) / (2 * eps);
                double analytic = x.Grad!.Data[i];
                Assert.IsTrue(Math.Abs(analytic - numeric) <= atol + rtol * Math.Abs(numeric),
                    $"gradient of input {k} at flat index {i}: autograd {analytic:G6}, finite difference {numeric:G6}");
            }
        }
    }

    private static double LossValue(Tensor output, Tensor weight)
    {
        double s = 0;
        var o = output.Data;
        var w = weight.Data;
        for (int i = 0; i < o.Length; i++) s += (double)o[i] * w[i];
        return s;
    }
}
