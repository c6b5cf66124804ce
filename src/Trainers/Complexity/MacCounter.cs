using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Complexity;

/// <summary>
/// Counts a module's multiply-accumulates by running one forward pass with a hook on every conv and linear layer
/// (and every <see cref="ICountsOwnMacs"/> module), so static and input-dependent models are measured the same way.
/// A conv costs (output elements) x (input channels per group) x (kernel volume), a linear layer (output elements) x
/// (input features); biases are not counted. This reproduces torchvision's published figures (ResNet-18 1.81,
/// ResNet-50 4.09, MobileNetV2 0.30 GMACs at 224x224; r3d_18 40.7 at 16x112x112). The pass runs in eval mode under
/// no-grad (batch norm statistics are untouched) and the model's mode is restored afterwards.
/// </summary>
public static class MacCounter
{
    /// <summary>Measures <paramref name="model"/> on a zero input of <paramref name="inputShape"/> created on <paramref name="device"/>.</summary>
    /// <param name="model">Any module; layers must be invoked through <c>call</c> (as all MLVideo and TorchSharp modules do) to be seen.</param>
    /// <param name="inputShape">The input shape; its first dimension is the number of views measured.</param>
    /// <param name="device">Where the model lives (default CPU).</param>
    public static ModelComplexity Measure(nn.Module<Tensor, Tensor> model, long[] inputShape, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        using var scope = torch.NewDisposeScope();
        return Measure(model, torch.zeros(inputShape, device: device ?? torch.CPU));
    }

    /// <summary>Measures <paramref name="model"/> on <paramref name="input"/> (first dimension = views measured).</summary>
    public static ModelComplexity Measure(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() == 0 || input.shape[0] <= 0) throw new ArgumentException("MacCounter: the input needs a positive first (batch) dimension.", nameof(input));

        var byKind = new Dictionary<string, long>(StringComparer.Ordinal);
        var removers = new List<Action>();
        foreach (var module in model.modules().Prepend(model).OfType<nn.Module<Tensor, Tensor>>().Distinct())
        {
            if (module is not (Convolution or Linear or ICountsOwnMacs)) continue;
            string kind = module.GetType().Name;
            var hook = module.register_forward_hook((m, x, y) =>
            {
                byKind[kind] = byKind.GetValueOrDefault(kind) + CountLayer(m, x, y);
                return y;
            });
            removers.Add(hook.remove);
        }

        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            model.call(input);
        }
        finally
        {
            foreach (var remove in removers) remove();
            model.train(wasTraining);
        }
        long parameters = model.parameters().Sum(p => p.numel());
        return new ModelComplexity(byKind.Values.Sum(), input.shape[0], parameters, byKind);
    }

    private static long CountLayer(nn.Module<Tensor, Tensor> module, Tensor input, Tensor output) => module switch
    {
        ICountsOwnMacs own => own.CountMacs(input, output),
        Convolution conv => output.numel() * (conv.weight.numel() / conv.weight.shape[0]),   // in/groups x kernel volume per output
        Linear linear => output.numel() * linear.weight.shape[1],
        _ => 0,
    };
}
