namespace MLVideo.Tensors;

/// <summary>
/// Reverse-mode traversal: a topological order of the graph (explicit stack, no recursion, so deep
/// video graphs cannot overflow), then each node's backward in reverse order, accumulating input
/// gradients. Gradients whose shape is a broadcast of the input's are summed back centrally.
/// </summary>
internal static class AutogradEngine
{
    public static void Run(Tensor root, Tensor? gradient, bool retainGraph)
    {
        if (!root.RequiresGrad)
            throw new InvalidOperationException("Backward: the tensor does not require grad and has no grad_fn.");
        Tensor seed;
        if (gradient is null)
        {
            if (root.Count != 1)
                throw new InvalidOperationException($"Backward: grad can be implicitly created only for one-element outputs, got shape {ShapeHelper.Format(root.Shape)}.");
            seed = Tensor.Full(1f, root.ShapeArray);
        }
        else
        {
            if (!ShapeHelper.SameShape(gradient.Shape, root.Shape))
                throw new ShapeMismatchException($"Backward: gradient of shape {ShapeHelper.Format(gradient.Shape)} does not match the output's shape {ShapeHelper.Format(root.Shape)}.");
            seed = Tensor.FromArray(gradient.Data, root.ShapeArray);
        }

        using var noGrad = Autograd.NoGrad();
        if (root.GradFn is null)
        {
            AccumulateLeaf(root, seed);
            return;
        }

        List<GradNode> order = TopologicalOrder(root.GradFn);
        var grads = new Dictionary<GradNode, Tensor>(ReferenceEqualityComparer.Instance);
        grads[root.GradFn] = seed;

        foreach (GradNode node in order)
        {
            if (!grads.Remove(node, out Tensor? gradOutput)) continue; // not on a path from the root
            if (node.Released)
                throw new InvalidOperationException(
                    $"Backward: trying to backward through the graph a second time (op {node.Name}); its saved tensors were freed. Pass retainGraph: true to the first Backward call.");
            var gradInputs = new Tensor?[node.Inputs.Length];
            node.Backward(gradOutput, gradInputs);
            for (int i = 0; i < gradInputs.Length; i++)
            {
                Tensor? g = gradInputs[i];
                Tensor? input = node.Inputs[i];
                if (g is null || input is null || !input.RequiresGrad)
                {
                    if (g is not null && !ReferenceEquals(g, gradOutput)) g.Dispose();
                    continue;
                }
                if (ReferenceEquals(g, gradOutput) || Array.IndexOf(gradInputs, g) != i)
                    throw new InvalidOperationException($"Internal error in {node.Name}: a gradient tensor was returned twice or aliases the output gradient.");
                if (!ShapeHelper.SameShape(g.Shape, input.Shape))
                {
                    Tensor reduced = BroadcastReduction.SumToShape(g, input.Shape, node.Name);
                    g.Dispose();
                    g = reduced;
                }
                if (input.GradFn is { } producer)
                {
                    if (grads.TryGetValue(producer, out Tensor? existing))
                    {
                        Kernels.ElementwiseKernels.AddInPlace(existing.Data, g.Data);
                        g.Dispose();
                    }
                    else grads[producer] = g;
                }
                else AccumulateLeaf(input, g);
            }
            gradOutput.Dispose();
            if (!retainGraph)
            {
                node.ReleaseSaved();
                node.Released = true;
            }
        }
        foreach (var leftover in grads.Values) leftover.Dispose();
    }

    private static void AccumulateLeaf(Tensor leaf, Tensor g)
    {
        if (leaf.Grad is null || leaf.Grad.IsDisposed)
        {
            g.MoveToOuterScopeFully();
            leaf.Grad = g;
        }
        else
        {
            Kernels.ElementwiseKernels.AddInPlace(leaf.Grad.Data, g.Data);
            g.Dispose();
        }
    }

    /// <summary>Nodes in an order where every node comes before the nodes that produced its inputs.</summary>
    private static List<GradNode> TopologicalOrder(GradNode root)
    {
        // Iterative post-order DFS; reversing the post-order gives consumers before producers.
        var visited = new HashSet<GradNode>(ReferenceEqualityComparer.Instance);
        var postOrder = new List<GradNode>();
        var stack = new Stack<(GradNode Node, int NextInput)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            bool descended = false;
            for (int i = next; i < node.Inputs.Length; i++)
            {
                GradNode? child = node.Inputs[i]?.GradFn;
                if (child is not null && node.Inputs[i]!.RequiresGrad && visited.Add(child))
                {
                    stack.Push((node, i + 1));
                    stack.Push((child, 0));
                    descended = true;
                    break;
                }
            }
            if (!descended) postOrder.Add(node);
        }
        postOrder.Reverse();
        return postOrder;
    }
}
