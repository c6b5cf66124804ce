using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MLVideo.Transforms;

/// <summary>
/// The estimator of a video transform. Video transforms learn nothing from data, so <c>Fit</c> checks the input schema and
/// returns the configured transformer (ML.NET's trivial estimator); <see cref="GetOutputSchema"/> checks the columns before
/// any data is read.
/// </summary>
/// <typeparam name="TTransformer">The transformer that <c>Fit</c> returns.</typeparam>
public sealed class VideoTransformEstimator<TTransformer> : TrivialEstimator<TTransformer> where TTransformer : VideoTransformerBase
{
    internal VideoTransformEstimator(IHostEnvironment env, TTransformer transformer)
        : base(Contracts.CheckRef(env, nameof(env)).Register(typeof(TTransformer).Name), transformer)
    {
    }

    /// <summary>The columns the transformer will produce, given the input columns; throws ML.NET's schema errors.</summary>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        Host.CheckValue(inputSchema, nameof(inputSchema));
        return Transformer.PropagateSchema(inputSchema);
    }
}
