namespace MLVideo.Model;

/// <summary>The manifest.json of a model file.</summary>
internal sealed class ModelManifest
{
    public string? Format { get; set; }

    public int FormatVersion { get; set; }

    public string? LibraryVersion { get; set; }

    public List<StepEntry>? Steps { get; set; }

    public bool HasInputSchema { get; set; }

    public List<string>? LabelNames { get; set; }

    /// <summary>One pipeline step as listed in the manifest.</summary>
    internal sealed class StepEntry
    {
        public string? Kind { get; set; }

        public int Version { get; set; }

        public TransformerScope Scope { get; set; } = TransformerScope.Everything;

        public string? Folder { get; set; }

        public bool HasTensors { get; set; }
    }
}
