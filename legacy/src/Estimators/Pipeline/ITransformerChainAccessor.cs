namespace MLVideo;

/// <summary>Non-generic access to a transformer chain's steps and scopes (for saving).</summary>
internal interface ITransformerChainAccessor
{
    IReadOnlyList<ITransformer> Transformers { get; }

    IReadOnlyList<TransformerScope> Scopes { get; }
}
