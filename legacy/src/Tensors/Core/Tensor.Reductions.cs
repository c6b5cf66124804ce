using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// Sums, means and maxima. Reductions use a fixed summation order independent of the thread count
// (ReductionKernels), so the same input always gives the same bits.
public sealed partial class Tensor
{
    /// <summary>Sum of all elements (0-d result; 0 for an empty tensor).</summary>
    public Tensor Sum()
    {
        var result = Uninitialized([]);
        result.Data[0] = ReductionKernels.SumAll(RawArray, Count);
        if (Autograd.IsRecording(this)) result.SetGradFn(new SumNode(this, [], 1f, mean: false));
        return result;
    }

    /// <summary>
    /// Sum over <paramref name="dims"/> (negative dims count from the end; an empty list reduces every
    /// dimension, as in PyTorch). With <paramref name="keepDim"/> the reduced dimensions stay as size 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A dimension is listed twice.</exception>
    public Tensor Sum(int[] dims, bool keepDim = false) => ReduceSum(dims, keepDim, mean: false, "Sum");

    /// <summary>Sum over one dimension (shorthand for <c>Sum([dim], keepDim)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    public Tensor Sum(int dim, bool keepDim = false) => ReduceSum([dim], keepDim, mean: false, "Sum");

    /// <summary>Mean over one dimension (shorthand for <c>Mean([dim], keepDim)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    public Tensor Mean(int dim, bool keepDim = false) => ReduceSum([dim], keepDim, mean: true, "Mean");

    /// <summary>Mean of all elements (0-d result; NaN for an empty tensor, as in PyTorch).</summary>
    public Tensor Mean()
    {
        var result = Uninitialized([]);
        result.Data[0] = ReductionKernels.SumAll(RawArray, Count) / Count;
        if (Autograd.IsRecording(this)) result.SetGradFn(new SumNode(this, [], Count, mean: true));
        return result;
    }

    /// <summary>Mean over <paramref name="dims"/> (same dimension rules as <see cref="Sum(int[], bool)"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    /// <exception cref="ArgumentException">A dimension is listed twice.</exception>
    public Tensor Mean(int[] dims, bool keepDim = false) => ReduceSum(dims, keepDim, mean: true, "Mean");

    /// <summary>
    /// Maximum along <paramref name="dim"/> with the argmax (first occurrence on ties; a NaN counts as
    /// the maximum, as in PyTorch). The gradient goes to the argmax position.
    /// </summary>
    /// <exception cref="ArgumentException">The dimension has size 0.</exception>
    public (Tensor Values, int[] Indices) Max(int dim, bool keepDim = false)
    {
        var (outer, n, inner) = SplitAt(dim, "Max");
        if (n == 0) throw new ArgumentException($"Max: cannot reduce dimension {dim} of size 0 (input {ShapeHelper.Format(_shape)}).", nameof(dim));
        int[] shape = ReducedShape([Rank == 0 ? 0 : ShapeHelper.NormalizeDim(dim, Rank, "Max")], keepDim);
        var values = Uninitialized(shape);
        var indices = new int[outer * inner];
        ReductionKernels.MaxAxis(Data, values.Data, indices, outer, n, inner);
        if (Autograd.IsRecording(this)) values.SetGradFn(new MaxNode(this, indices, outer, n, inner));
        return (values, indices);
    }

    /// <summary>Argmax along <paramref name="dim"/> (first occurrence on ties; NaN counts as the maximum).</summary>
    /// <exception cref="ArgumentException">The dimension has size 0.</exception>
    public int[] ArgMax(int dim)
    {
        var (outer, n, inner) = SplitAt(dim, "ArgMax");
        if (n == 0) throw new ArgumentException($"ArgMax: cannot reduce dimension {dim} of size 0 (input {ShapeHelper.Format(_shape)}).", nameof(dim));
        var indices = new int[outer * inner];
        float[] scratch = new float[outer * inner];
        ReductionKernels.MaxAxis(Data, scratch, indices, outer, n, inner);
        return indices;
    }

    private Tensor ReduceSum(int[] dims, bool keepDim, bool mean, string op)
    {
        ArgumentNullException.ThrowIfNull(dims);
        bool[] reduced = ReducedFlags(dims, op);
        int[] keepShape = (int[])_shape.Clone();
        int divisor = 1;
        for (int d = 0; d < Rank; d++)
            if (reduced[d])
            {
                divisor *= _shape[d];
                keepShape[d] = 1;
            }
        var reducedDims = new List<int>();
        for (int d = 0; d < Rank; d++) if (reduced[d]) reducedDims.Add(d);
        int[] outShape = ReducedShape(reducedDims.ToArray(), keepDim);

        // Reduce each run of consecutive reduced dimensions as one (outer, n, inner) axis, innermost first.
        Tensor current = this;
        int[] currentShape = (int[])_shape.Clone();
        for (int end = Rank - 1; end >= 0; end--)
        {
            if (!reduced[end]) continue;
            int start = end;
            while (start > 0 && reduced[start - 1]) start--;
            int outer = 1, n = 1, inner = 1;
            for (int d = 0; d < start; d++) outer *= currentShape[d];
            for (int d = start; d <= end; d++) n *= currentShape[d];
            for (int d = end + 1; d < Rank; d++) inner *= currentShape[d];
            for (int d = start; d <= end; d++) currentShape[d] = 1;
            var next = Uninitialized((int[])currentShape.Clone());
            ReductionKernels.SumAxis(current.RawArray, next.RawArray, outer, n, inner);
            if (!ReferenceEquals(current, this)) current.Dispose();
            current = next;
            end = start;
        }

        var result = Uninitialized(outShape);
        if (ReferenceEquals(current, this)) Data.CopyTo(result.Data); // nothing reduced (rank 0)
        else
        {
            current.Data.CopyTo(result.Data);
            current.Dispose();
        }
        if (mean) UnaryKernels.Apply(new DivideByScalarOperator(divisor), result.Data, result.Data);
        if (Autograd.IsRecording(this)) result.SetGradFn(new SumNode(this, keepShape, divisor, mean));
        return result;
    }

    /// <summary>Which dimensions a reduction over <paramref name="dims"/> removes (all of them for an empty list).</summary>
    private bool[] ReducedFlags(int[] dims, string op)
    {
        var reduced = new bool[Rank];
        if (dims.Length == 0)
        {
            Array.Fill(reduced, true);
            return reduced;
        }
        foreach (int dim in dims)
        {
            if (Rank == 0)
            {
                ShapeHelper.NormalizeDim(dim, 0, op);
                continue;
            }
            int d = ShapeHelper.NormalizeDim(dim, Rank, op);
            if (reduced[d]) throw new ArgumentException($"{op}: dimension {dim} appears more than once in [{string.Join(", ", dims)}].", nameof(dims));
            reduced[d] = true;
        }
        return reduced;
    }

    /// <summary>The shape after reducing <paramref name="dims"/> (normalised) either to size 1 or away.</summary>
    private int[] ReducedShape(int[] dims, bool keepDim)
    {
        var shape = new List<int>(Rank);
        for (int d = 0; d < Rank; d++)
        {
            bool isReduced = Array.IndexOf(dims, d) >= 0;
            if (!isReduced) shape.Add(_shape[d]);
            else if (keepDim) shape.Add(1);
        }
        return shape.ToArray();
    }
}
