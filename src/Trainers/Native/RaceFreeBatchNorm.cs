using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Native;

/// <summary>
/// <c>BatchNorm2d</c> / <c>BatchNorm3d</c> (PyTorch defaults: eps 1e-5, momentum 0.1, affine, running statistics)
/// with the same parameters, buffers and state-dict keys as TorchSharp's, whose training forward counts batches with
/// <c>num_batches_tracked.add_(1)</c>, two Scalar temporaries per call that can be finalised during the native call
/// (see <see cref="NativeScalars"/>). This one counts with <see cref="NativeScalars.One"/>.
/// </summary>
internal sealed class RaceFreeBatchNorm : BatchNorm
{
    private const double Epsilon = 1e-5, Momentum = 0.1;

    private RaceFreeBatchNorm(long features, int spatialDimensions)
        : base(features, Epsilon, Momentum, affine: true, track_running_stats: true, device: null, dtype: null, name: $"BatchNorm{spatialDimensions}d")
    {
        SpatialDimensions = spatialDimensions;
    }

    /// <summary>2 for (N, C, H, W) inputs, 3 for (N, C, T, H, W).</summary>
    public int SpatialDimensions { get; }

    /// <summary>Over (N, C, H, W), as <c>nn.BatchNorm2d(features)</c>.</summary>
    public static RaceFreeBatchNorm TwoD(long features) => new(features, 2);

    /// <summary>Over (N, C, T, H, W), as <c>nn.BatchNorm3d(features)</c>.</summary>
    public static RaceFreeBatchNorm ThreeD(long features) => new(features, 3);

    /// <summary>Batch statistics (and a running-average update) in training, running statistics in eval.</summary>
    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        if (training) num_batches_tracked?.add_(NativeScalars.One, NativeScalars.One);
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, momentum ?? Momentum, eps);
    }

    /// <inheritdoc />
    protected override void ValidateInputDimensions(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.ndim != SpatialDimensions + 2)
            throw new ArgumentException($"expected {SpatialDimensions + 2}D input, but got {input.ndim}D input.", nameof(input));
    }
}
