using MLVideo.Trainers.Training;

namespace MLVideo;

/// <summary>The optimiser the training loop uses (TorchSharp's implementations, checked against PyTorch fixtures).</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with momentum (optionally Nesterov) and L2 weight decay: the TSN/TSM/GSF recipes.</summary>
    Sgd,

    /// <summary>Adam with decoupled weight decay (Loshchilov and Hutter, ICLR 2019).</summary>
    AdamW,
}
