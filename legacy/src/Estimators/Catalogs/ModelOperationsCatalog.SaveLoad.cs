using MLVideo.Data;
using MLVideo.Model;

namespace MLVideo;

public sealed partial class ModelOperationsCatalog
{
    /// <summary>
    /// Saves <paramref name="model"/> and the schema of its input to a .zip (layout in docs/model-format.md).
    /// The file is written to a temporary file in the same folder that replaces <paramref name="filePath"/>
    /// only when complete, so a failure leaves any previous file intact. Every step must implement
    /// <see cref="IModelStep"/>.
    /// </summary>
    public void Save(ITransformer model, DataViewSchema? inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        ModelFileWriter.Save(model, inputSchema, filePath);
        Context.WriteLog(ChannelMessageKind.Info, nameof(ModelOperationsCatalog), $"Saved the model to '{filePath}'.");
    }

    /// <summary>Saves <paramref name="model"/> and its input schema as a .zip written to <paramref name="stream"/> (left open).</summary>
    public void Save(ITransformer model, DataViewSchema? inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        ModelFileWriter.Save(model, inputSchema, stream);
    }

    /// <summary>
    /// Loads a model saved by <see cref="Save(ITransformer, DataViewSchema?, string)"/>. Only registered step
    /// kinds are instantiated; a truncated, corrupted, unsafe, oversized or foreign file throws
    /// <see cref="ModelFormatException"/> saying why.
    /// </summary>
    /// <param name="filePath">The .zip file.</param>
    /// <param name="inputSchema">The saved input schema (null when none was saved).</param>
    public ITransformer Load(string filePath, out DataViewSchema inputSchema)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var model = ModelFileReader.Load(Context, filePath, out var schema);
        inputSchema = schema!;
        return model;
    }

    /// <summary>Loads a model from a stream (see <see cref="Load(string, out DataViewSchema)"/>).</summary>
    public ITransformer Load(Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var model = ModelFileReader.Load(Context, stream, "stream", out var schema);
        inputSchema = schema!;
        return model;
    }
}
