using MLVideo.Bench.Harness;
using MLVideo.Bench.Plain;
using MLVideo.Trainers.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Bench.Contenders;

/// <summary>
/// Checks that ours and the plain networks compute the same function, so the suite compares implementations and not
/// architectures: ours' weights are copied into the plain network by name, and both classify one clip in eval mode.
/// </summary>
public static class EquivalenceCheck
{
    /// <summary>Largest |logit difference| of ours vs plain on <paramref name="method"/> with shared weights.</summary>
    public static double MaxDifference(string method)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var ours = OursContender.CreateModel(method, torch.CPU);
        using var plain = PlainContender.CreateModel(method, torch.CPU);
        var plainParameters = plain.state_dict();
        foreach (var (key, value) in ours.state_dict())
        {
            // Plain keys carry the wrapper's "frames." prefix; ours' TSM wraps conv1 as "conv1.net".
            string plainKey = "frames." + key.Replace(".conv1.net.", ".conv1.", StringComparison.Ordinal);
            if (!plainParameters.TryGetValue(plainKey, out var target))
                throw new InvalidOperationException($"{method}: ours has '{key}', which the plain network lacks ('{plainKey}').");
            target.copy_(value);
        }
        ours.eval();
        plain.eval();
        var clip = torch.randn(BenchShape.Clips(1));
        return (ours.call(clip) - plain.call(clip)).abs().max().item<float>();
    }
}
