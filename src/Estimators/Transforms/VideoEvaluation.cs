using Microsoft.ML;
using Microsoft.ML.Data;
using MLVideo.Transforms;

namespace MLVideo;

/// <summary>
/// Switches the video steps of a fitted model to their evaluation behaviour: test-mode sampling (deterministic centres),
/// centre crops instead of random or multi-scale crops, and no flips. Trainers call it for validation; users for testing.
/// </summary>
public static class VideoEvaluation
{
    /// <summary>
    /// Returns <paramref name="model"/> with every <see cref="SampleFramesTransformer"/>, <see cref="CropFramesTransformer"/> and
    /// <see cref="FlipFramesTransformer"/> replaced by its evaluation counterpart (chains are rebuilt, nested chains included);
    /// other steps are kept as they are, and the original model is not changed.
    /// </summary>
    public static ITransformer ForEvaluation(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (model)
        {
            case SampleFramesTransformer sample: return sample.ForEvaluation();
            case CropFramesTransformer crop: return crop.ForEvaluation();
            case FlipFramesTransformer flip: return flip.ForEvaluation();
        }
        // Every TransformerChain<T> is a chain accessor (ML.NET internal, reached through the seam), whatever its T.
        if (model is ITransformerChainAccessor chain)
            return new TransformerChain<ITransformer>(chain.Transformers.Select(ForEvaluation).ToArray(), chain.Scopes);
        return model;
    }
}
