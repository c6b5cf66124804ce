namespace MLVideo.Tensors;

// OWNER: shape-ops helper. All results are contiguous copies (or views for pure reshapes).
public sealed partial class Tensor
{
    /// <summary>Reorders dimensions (a copy).</summary>
    public Tensor Permute(params int[] dims) => throw new NotImplementedException();
    /// <summary>Swaps two dimensions (a copy).</summary>
    public Tensor Transpose(int dim0, int dim1) => throw new NotImplementedException();
    /// <summary>Inserts a dimension of size 1.</summary>
    public Tensor Unsqueeze(int dim) => throw new NotImplementedException();
    /// <summary>Removes a dimension of size 1.</summary>
    public Tensor Squeeze(int dim) => throw new NotImplementedException();
    /// <summary>Broadcasts to <paramref name="shape"/> (a copy; -1 keeps a dimension).</summary>
    public Tensor Expand(params int[] shape) => throw new NotImplementedException();
    /// <summary>Elements [start, end) with <paramref name="step"/> along <paramref name="dim"/> (PyTorch <c>x[..., start:end:step]</c>); negative indices count from the end.</summary>
    public Tensor Slice(int dim, int start, int end, int step = 1) => throw new NotImplementedException();
    /// <summary>Index <paramref name="index"/> of <paramref name="dim"/>, removing the dimension.</summary>
    public Tensor Select(int dim, int index) => throw new NotImplementedException();
    /// <summary>Picks the given indices along <paramref name="dim"/> (repeats allowed; gradient accumulates).</summary>
    public Tensor IndexSelect(int dim, ReadOnlySpan<int> indices) => throw new NotImplementedException();
    /// <summary>PyTorch <c>gather</c>: out[i][j][k] = x[index[i][j][k]][j][k] for dim 0, etc.; <paramref name="indexShape"/> is the output's shape.</summary>
    public Tensor Gather(int dim, ReadOnlySpan<int> index, int[] indexShape) => throw new NotImplementedException();
    /// <summary>Splits into pieces of <paramref name="splitSize"/> along <paramref name="dim"/> (the last may be smaller).</summary>
    public Tensor[] Split(int splitSize, int dim = 0) => throw new NotImplementedException();
    /// <summary>Splits into pieces of the given sizes along <paramref name="dim"/>.</summary>
    public Tensor[] Split(int[] sizes, int dim = 0) => throw new NotImplementedException();
    /// <summary>Splits into <paramref name="chunks"/> nearly equal pieces.</summary>
    public Tensor[] Chunk(int chunks, int dim = 0) => throw new NotImplementedException();
    /// <summary>Concatenates along <paramref name="dim"/>.</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0) => throw new NotImplementedException();
    /// <summary>Stacks along a new dimension <paramref name="dim"/>.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0) => throw new NotImplementedException();
    /// <summary>Rolls elements along <paramref name="dims"/> by <paramref name="shifts"/> (PyTorch <c>torch.roll</c>).</summary>
    public Tensor Roll(int[] shifts, int[] dims) => throw new NotImplementedException();
    /// <summary>k largest (or smallest) values along <paramref name="dim"/> with their indices (ties: lower index first).</summary>
    public (Tensor Values, int[] Indices) TopK(int k, int dim = -1, bool largest = true, bool sorted = true) => throw new NotImplementedException();
    /// <summary>Zero-pads the last dims: <paramref name="pads"/> = (left, right) for the last dim, then (top, bottom) for the one before, ... (PyTorch <c>F.pad</c> constant mode).</summary>
    public Tensor Pad(int[] pads, float value = 0f) => throw new NotImplementedException();
}
