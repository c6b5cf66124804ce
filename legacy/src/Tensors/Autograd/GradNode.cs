namespace MLVideo.Tensors;

/// <summary>
/// One recorded op in the autograd graph: the op's inputs, what it saved for the backward pass,
/// and its local backward rule. Subclasses store the op's saved tensors in fields (no closures).
/// </summary>
/// <remarks>
/// Contract for <see cref="Backward"/>: fill <c>gradInputs[i]</c> for every input that
/// <see cref="NeedsGrad(int)"/>, with a tensor of that input's shape (or a shape that broadcasts to
/// the output, which the engine sums back) and NEVER the <c>gradOutput</c> object itself nor the
/// same tensor object twice: the engine owns and disposes every gradient it receives.
/// </remarks>
public abstract class GradNode
{
    /// <summary>Creates a node for an op called <paramref name="name"/> over <paramref name="inputs"/>.</summary>
    protected GradNode(string name, params Tensor?[] inputs)
    {
        Name = name;
        Inputs = inputs;
    }

    /// <summary>The op's name, used in error messages (e.g. <c>Conv2dBackward</c>).</summary>
    public string Name { get; }

    /// <summary>The op's tensor inputs, in order; null entries take no gradient.</summary>
    public Tensor?[] Inputs { get; }

    /// <summary>Set once the saved tensors were freed by a backward pass without retainGraph.</summary>
    internal bool Released { get; set; }

    /// <summary>True if input <paramref name="index"/> needs a gradient.</summary>
    protected bool NeedsGrad(int index) => Inputs[index] is { RequiresGrad: true };

    /// <summary>Computes the gradients of the inputs from the gradient of the output.</summary>
    protected internal abstract void Backward(Tensor gradOutput, Tensor?[] gradInputs);

    /// <summary>Frees the tensors saved for backward (called when the graph is not retained).</summary>
    protected internal virtual void ReleaseSaved()
    {
    }
}
