using MLVideo.Tensors.Kernels;

namespace MLVideo.Tensors;

// OWNER: shape-ops helper. Constant padding (F.pad, mode "constant").
public sealed partial class Tensor
{
    /// <summary>
    /// Pads the last dims with <paramref name="value"/>: <paramref name="pads"/> = (left, right) for the last dim, then (top, bottom)
    /// for the one before, ... (PyTorch <c>F.pad</c> constant mode). Negative pads crop, as in PyTorch.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="pads"/> has an odd length or more pairs than dimensions.</exception>
    /// <exception cref="ShapeMismatchException">Negative padding would make a dimension negative.</exception>
    public Tensor Pad(int[] pads, float value = 0f)
    {
        ArgumentNullException.ThrowIfNull(pads);
        if (pads.Length % 2 != 0 || pads.Length / 2 > Rank)
            throw new ArgumentException($"Pad: pads {ShapeHelper.Format(pads)} must hold one (before, after) pair per padded dimension, at most {Rank} pairs for input {ShapeHelper.Format(_shape)}.", nameof(pads));
        int rank = Rank;
        var outShape = ShapeArray;
        var box = ShapeArray;              // the region that comes from the input
        var inStart = new int[rank];       // its corner in the input
        var outStart = new int[rank];      // and in the output
        for (int p = 0; p < pads.Length / 2; p++)
        {
            int d = rank - 1 - p;
            int before = pads[2 * p], after = pads[2 * p + 1];
            long size = (long)_shape[d] + before + after;
            if (size < 0)
                throw new ShapeMismatchException($"Pad: pads {ShapeHelper.Format(pads)} make dimension {d} of input {ShapeHelper.Format(_shape)} negative ({size}).");
            outShape[d] = (int)size;
            inStart[d] = Math.Max(0, -before);
            outStart[d] = Math.Max(0, before);
            box[d] = (int)Math.Max(0, _shape[d] + (long)Math.Min(0, before) + Math.Min(0, after));
        }
        int[] inStrides = ShapeHelper.Strides(_shape), outStrides = ShapeHelper.Strides(outShape);
        int inOffset = 0, outOffset = 0;
        bool empty = ShapeHelper.Count(box) == 0;
        for (int d = 0; d < rank && !empty; d++)
        {
            inOffset += inStart[d] * inStrides[d];
            outOffset += outStart[d] * outStrides[d];
        }
        var result = Full(value, outShape);
        if (!empty) StridedCopyKernels.Copy(RawArray, inOffset, inStrides, result.RawArray, outOffset, outStrides, box);
        if (Autograd.IsRecording(this)) result.SetGradFn(new PadNode(this, box, inOffset, outOffset));
        return result;
    }
}
