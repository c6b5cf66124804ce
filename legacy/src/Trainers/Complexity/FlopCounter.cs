using MLVideo.Tensors;
using MLVideo.Tensors.Nn;
using MLVideo.Trainers.Methods;

namespace MLVideo.Trainers.Complexity;

/// <summary>
/// Measures a model's MACs by running one forward pass under no-grad with the engine's <see cref="MacCounter"/>
/// active (every conv, linear and matmul reports its own count), so static and dynamic models are measured the same
/// way. The model is put in eval mode for the pass (batch norm running statistics are not touched) and its mode is
/// restored afterwards.
/// </summary>
public static class FlopCounter
{
    /// <summary>Measures <paramref name="model"/> on a random input of <paramref name="inputShape"/>.</summary>
    /// <param name="model">The model; an <see cref="IVideoClassifierModel"/> takes (N*T, C, H, W) or (N, C, T, H, W).</param>
    /// <param name="inputShape">The input shape; the number of clips is derived from it (see <see cref="Measure(Module, Tensor)"/>).</param>
    /// <param name="seed">Seed of the random N(0, 1) input (matters only for input-dependent models).</param>
    public static ModelComplexity Measure(Module model, int[] inputShape, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShape);
        using var scope = TensorScope.Begin();
        return Measure(model, Tensor.Randn(inputShape, new Generator(seed)));
    }

    /// <summary>
    /// Measures <paramref name="model"/> on <paramref name="input"/>. Clips: for an <see cref="IVideoClassifierModel"/>
    /// with a 4-D input, N*T / T; otherwise the input's first dimension.
    /// </summary>
    public static ModelComplexity Measure(Module model, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        int clips = model is IVideoClassifierModel video && input.Rank == 4
            ? input.Size(0) / video.NumSegments
            : input.Size(0);
        if (clips <= 0)
            throw new ShapeMismatchException($"FlopCounter: input {ShapeHelper.Format(input.Shape)} holds no complete clip.");

        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var scope = TensorScope.Begin();
            using var noGrad = Autograd.NoGrad();
            using var counter = MacCounter.Start();
            model.Forward(input);
            return new ModelComplexity(counter.TotalMacs, clips, model.CountParameters(), new Dictionary<string, long>(counter.ByOp));
        }
        finally
        {
            model.Train(wasTraining);
        }
    }
}
