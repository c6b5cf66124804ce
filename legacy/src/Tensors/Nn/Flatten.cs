namespace MLVideo.Tensors.Nn;

/// <summary>Flattens dimensions <see cref="StartDim"/>..<see cref="EndDim"/> into one, PyTorch's <c>nn.Flatten</c> (default 1..-1).</summary>
public sealed class Flatten : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="startDim">First dimension to flatten; default 1 (keeps the batch).</param>
    /// <param name="endDim">Last dimension to flatten; default -1.</param>
    public Flatten(int startDim = 1, int endDim = -1)
    {
        StartDim = startDim;
        EndDim = endDim;
    }

    /// <summary>First flattened dimension.</summary>
    public int StartDim { get; }

    /// <summary>Last flattened dimension.</summary>
    public int EndDim { get; }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";

    /// <summary>A view of the input with the dimensions merged (e.g. (N, C, 1, 1) to (N, C)).</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Flatten(StartDim, EndDim);
    }
}
