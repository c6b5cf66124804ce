namespace MLVideo.Tensors;

/// <summary>
/// Stateless neural-network ops in the shape of <c>torch.nn.functional</c>. Each family lives in its own
/// partial file (<c>Functional.Conv.cs</c>, <c>Functional.Pooling.cs</c>, ...).
/// </summary>
public static partial class Functional
{
}
