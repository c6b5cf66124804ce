using System.IO.Compression;
using System.Text.Json;
using MLVideo.Data;
using MLVideo.Tensors.Serialization;

namespace MLVideo.Model;

/// <summary>Writes a transformer (chain) as a model .zip.</summary>
internal static class ModelFileWriter
{
    /// <summary>Writes to <paramref name="path"/> through a temporary file that replaces it only when complete.</summary>
    public static void Save(ITransformer model, DataViewSchema? inputSchema, string path)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Cannot save the model to '{path}': folder '{directory}' does not exist.");
        // Same folder as the target, so the final move is a rename on the same volume.
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Save(model, inputSchema, stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes the zip to <paramref name="stream"/> (left open).</summary>
    public static void Save(ITransformer model, DataViewSchema? inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        var steps = new List<(ITransformer Transformer, TransformerScope Scope)>();
        Flatten(model, TransformerScope.Everything, steps);
        var manifest = new ModelManifest
        {
            Format = ModelFileLayout.FormatName,
            FormatVersion = ModelFileLayout.FormatVersion,
            LibraryVersion = ModelFileLayout.LibraryVersion,
            Steps = [],
            HasInputSchema = inputSchema is not null,
        };

        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        for (int i = 0; i < steps.Count; i++)
        {
            var (transformer, scope) = steps[i];
            if (transformer is not IModelStep step)
                throw new NotSupportedException($"Pipeline step {i} ({transformer.GetType().Name}) cannot be saved: it does not implement IModelStep.");
            if (!ModelStepRegistry.IsValidKindName(step.StepKind))
                throw new InvalidOperationException($"Pipeline step {i} ({transformer.GetType().Name}) has an invalid kind '{step.StepKind}'.");
            var writer = new ModelStepWriter();
            step.SaveStep(writer);
            string folder = ModelFileLayout.StepFolder(i, step.StepKind);
            WriteJson(zip, folder + ModelFileLayout.StepOptions, new StepDocument { Kind = step.StepKind, Version = step.StepVersion, Options = writer.Options });
            if (writer.Tensors.Count > 0)
            {
                // Stored, not deflated: weights barely compress, and it keeps the zip-bomb check meaningful.
                var entry = zip.CreateEntry(folder + ModelFileLayout.StepTensors, CompressionLevel.NoCompression);
                using var entryStream = entry.Open();
                SafeTensors.Save(entryStream, writer.Tensors);
            }
            manifest.Steps.Add(new ModelManifest.StepEntry
            {
                Kind = step.StepKind,
                Version = step.StepVersion,
                Scope = scope,
                Folder = folder,
                HasTensors = writer.Tensors.Count > 0,
            });
        }
        if (inputSchema is not null)
        {
            manifest.LabelNames = FindLabelNames(model, inputSchema);
            WriteJson(zip, ModelFileLayout.Schema, SchemaDocument.From(inputSchema));
        }
        WriteJson(zip, ModelFileLayout.Manifest, manifest);
    }

    private static void Flatten(ITransformer transformer, TransformerScope scope, List<(ITransformer, TransformerScope)> steps)
    {
        if (transformer is ITransformerChainAccessor chain)
        {
            for (int i = 0; i < chain.Transformers.Count; i++) Flatten(chain.Transformers[i], chain.Scopes[i] & scope, steps);
            return;
        }
        steps.Add((transformer, scope));
    }

    /// <summary>The class names of the model's output: PredictedLabel's key values, else Label's.</summary>
    private static List<string>? FindLabelNames(ITransformer model, DataViewSchema inputSchema)
    {
        var output = model.GetOutputSchema(inputSchema);
        foreach (var name in new[] { DefaultColumnNames.PredictedLabel, DefaultColumnNames.Label })
        {
            if (output.GetColumnOrNull(name) is { Type: KeyDataViewType } column && column.HasKeyValues())
                return column.GetKeyValueStrings().ToList();
        }
        return null;
    }

    private static void WriteJson<T>(ZipArchive zip, string name, T value)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var entryStream = entry.Open();
        JsonSerializer.Serialize(entryStream, value, ModelJson.Options);
    }
}
