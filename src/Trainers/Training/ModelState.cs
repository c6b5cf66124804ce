using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Training;

/// <summary>Detached copies of a model's state dict, owned by the caller (outside any dispose scope).</summary>
internal static class ModelState
{
    public static Dictionary<string, Tensor> Copy(nn.Module model)
    {
        using var noGrad = no_grad();
        // The scope frees the detached views; only the clones leave it.
        using var scope = NewDisposeScope();
        return model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
    }

    public static void Dispose(Dictionary<string, Tensor>? state)
    {
        if (state is null) return;
        foreach (var tensor in state.Values) tensor.Dispose();
        state.Clear();
    }
}
