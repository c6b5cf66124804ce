using System.IO.Compression;
using System.Text.Json;
using MLVideo.Data;
using MLVideo.Tensors.Serialization;

namespace MLVideo.Model;

/// <summary>
/// Reads a model .zip defensively: every entry name and size is checked before anything is read,
/// JSON and tensors are read within limits, and steps are built only through the registry.
/// </summary>
internal static class ModelFileReader
{
    public static ITransformer Load(MLVideoContext context, string path, out DataViewSchema? inputSchema)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        using var stream = File.OpenRead(path);
        return Load(context, stream, path, out inputSchema);
    }

    public static ITransformer Load(MLVideoContext context, Stream stream, string sourceName, out DataViewSchema? inputSchema)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException($"'{sourceName}' is not a valid model file: it is not a zip archive, or it is truncated or corrupted ({e.Message}).", e);
        }
        using (zip)
        {
            var entries = CheckEntries(zip, sourceName);
            if (!entries.TryGetValue(ModelFileLayout.Manifest, out var manifestEntry))
                throw new ModelFormatException($"'{sourceName}' is not an MLVideo model file: it has no {ModelFileLayout.Manifest}.");
            var manifest = ReadJson<ModelManifest>(manifestEntry, sourceName);
            if (manifest.Format != ModelFileLayout.FormatName)
                throw new ModelFormatException($"'{sourceName}' is not an MLVideo model file: its manifest format is '{manifest.Format}', expected '{ModelFileLayout.FormatName}'.");
            if (manifest.FormatVersion < 1 || manifest.FormatVersion > ModelFileLayout.FormatVersion)
                throw new ModelFormatException($"'{sourceName}' has model format version {manifest.FormatVersion}; this library ({ModelFileLayout.LibraryVersion}) reads versions 1 to {ModelFileLayout.FormatVersion}.");
            if (manifest.Steps is null) throw new ModelFormatException($"'{sourceName}': the manifest lists no steps.");

            inputSchema = null;
            if (manifest.HasInputSchema)
            {
                if (!entries.TryGetValue(ModelFileLayout.Schema, out var schemaEntry))
                    throw new ModelFormatException($"'{sourceName}': the manifest announces an input schema but {ModelFileLayout.Schema} is missing.");
                inputSchema = ReadJson<SchemaDocument>(schemaEntry, sourceName).ToSchema($"'{sourceName}':{ModelFileLayout.Schema}");
            }

            var transformers = new List<ITransformer>();
            var scopes = new List<TransformerScope>();
            for (int i = 0; i < manifest.Steps.Count; i++)
            {
                var step = manifest.Steps[i];
                if (step.Kind is null || !ModelStepRegistry.IsValidKindName(step.Kind) || step.Folder != ModelFileLayout.StepFolder(i, step.Kind))
                    throw new ModelFormatException($"'{sourceName}': manifest step {i} has an invalid kind '{step.Kind}' or folder '{step.Folder}'.");
                string location = $"'{sourceName}':{step.Folder}";
                if (!entries.TryGetValue(step.Folder + ModelFileLayout.StepOptions, out var optionsEntry))
                    throw new ModelFormatException($"{location}: {ModelFileLayout.StepOptions} is missing.");
                var document = ReadJson<StepDocument>(optionsEntry, sourceName);
                if (document.Kind != step.Kind || document.Version != step.Version)
                    throw new ModelFormatException($"{location}: step.json says {document.Kind} v{document.Version} but the manifest says {step.Kind} v{step.Version}.");
                SafeTensorsFile? tensors = null;
                if (step.HasTensors)
                {
                    if (!entries.TryGetValue(step.Folder + ModelFileLayout.StepTensors, out var tensorEntry))
                        throw new ModelFormatException($"{location}: {ModelFileLayout.StepTensors} is missing.");
                    using var buffer = new MemoryStream(ReadEntry(tensorEntry, ModelFileLimits.MaxTensorEntryBytes, sourceName));
                    try
                    {
                        tensors = SafeTensors.Load(buffer, $"{sourceName}:{tensorEntry.FullName}");
                    }
                    catch (InvalidDataException e)
                    {
                        throw new ModelFormatException($"{location}: the tensors are invalid: {e.Message}", e);
                    }
                }
                var reader = new ModelStepReader(context, step.Kind, step.Version, location, document.Options, tensors);
                transformers.Add(ModelStepRegistry.Load(reader));
                scopes.Add(step.Scope);
            }
            context.WriteLog(ChannelMessageKind.Info, "ModelOperationsCatalog", $"Loaded '{sourceName}': {transformers.Count} steps, written by MLVideo {manifest.LibraryVersion}.");
            return new TransformerChain<ITransformer>(transformers, scopes);
        }
    }

    /// <summary>Rejects unsafe names, duplicates and sizes beyond the limits; returns the entries by name.</summary>
    private static Dictionary<string, ZipArchiveEntry> CheckEntries(ZipArchive zip, string sourceName)
    {
        IReadOnlyCollection<ZipArchiveEntry> all;
        try
        {
            all = zip.Entries;
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException($"'{sourceName}' is corrupted: its zip directory cannot be read ({e.Message}).", e);
        }
        if (all.Count > ModelFileLimits.MaxEntries)
            throw new ModelFormatException($"'{sourceName}' has {all.Count} entries; at most {ModelFileLimits.MaxEntries} are allowed.");
        var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        long total = 0;
        foreach (var entry in all)
        {
            if (!ModelFileLayout.IsSafeEntryName(entry.FullName))
                throw new ModelFormatException($"'{sourceName}' contains an unsafe entry path '{entry.FullName}' (absolute, '..' or drive paths are rejected).");
            if (!byName.TryAdd(entry.FullName, entry))
                throw new ModelFormatException($"'{sourceName}' contains the entry '{entry.FullName}' twice.");
            long limit = entry.FullName.EndsWith(".safetensors", StringComparison.Ordinal) ? ModelFileLimits.MaxTensorEntryBytes : ModelFileLimits.MaxJsonEntryBytes;
            if (entry.Length > limit)
                throw new ModelFormatException($"'{sourceName}': entry '{entry.FullName}' declares {entry.Length} bytes, above the limit of {limit}.");
            if (entry.Length >= ModelFileLimits.RatioCheckMinimumBytes && entry.Length > ModelFileLimits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                throw new ModelFormatException(
                    $"'{sourceName}': entry '{entry.FullName}' expands from {entry.CompressedLength} to {entry.Length} bytes (ratio above {ModelFileLimits.MaxCompressionRatio}); rejected as a possible zip bomb.");
            total += entry.Length;
            if (total > ModelFileLimits.MaxTotalBytes)
                throw new ModelFormatException($"'{sourceName}' expands to more than {ModelFileLimits.MaxTotalBytes} bytes; rejected.");
        }
        return byName;
    }

    private static T ReadJson<T>(ZipArchiveEntry entry, string sourceName)
    {
        var bytes = ReadEntry(entry, ModelFileLimits.MaxJsonEntryBytes, sourceName);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, ModelJson.Options)
                ?? throw new ModelFormatException($"'{sourceName}': entry '{entry.FullName}' is empty JSON.");
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"'{sourceName}': entry '{entry.FullName}' is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads an entry, never more than <paramref name="limit"/> bytes whatever its header claims.</summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, long limit, string sourceName)
    {
        try
        {
            using var input = entry.Open();
            using var output = new MemoryStream((int)Math.Min(entry.Length, 1 << 20));
            var buffer = new byte[81920];
            long read = 0;
            int n;
            while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                read += n;
                if (read > limit || read > entry.Length)
                    throw new ModelFormatException($"'{sourceName}': entry '{entry.FullName}' holds more data than it declares or than {limit} bytes; rejected.");
                output.Write(buffer, 0, n);
            }
            if (read != entry.Length)
                throw new ModelFormatException($"'{sourceName}': entry '{entry.FullName}' is truncated ({read} of {entry.Length} bytes).");
            var bytes = output.ToArray();
            if (Crc32.Compute(bytes) != entry.Crc32)
                throw new ModelFormatException($"'{sourceName}': entry '{entry.FullName}' is corrupted (its CRC-32 does not match).");
            return bytes;
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException($"'{sourceName}': entry '{entry.FullName}' is corrupted ({e.Message}).", e);
        }
    }
}
