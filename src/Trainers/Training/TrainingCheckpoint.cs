using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MLVideo.Trainers.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Training;

/// <summary>
/// Everything needed to continue a run after the end of an epoch, in one safetensors file: the model's state dict
/// (<c>model.*</c>), the best-so-far weights (<c>best.*</c>, only when the best epoch is not the last), the optimiser state by parameter
/// (<c>optim.&lt;parameter&gt;.momentum_buffer</c>, <c>.exp_avg</c>, <c>.exp_avg_sq</c>, <c>.step</c>) and, as a JSON
/// header in the metadata, the loop state: completed epochs, global step (the schedule's position), seed, best epoch
/// and accuracy, history, the optimiser and its groups, and the model fingerprint (state-dict names, dtypes and
/// shapes). Written to a temporary file that replaces the previous checkpoint only when complete.
/// </summary>
public sealed class TrainingCheckpoint
{
    /// <summary>File name of the rolling checkpoint inside a checkpoint folder.</summary>
    public const string FileName = "checkpoint.safetensors";

    /// <summary>Version of the layout written here; newer files are refused.</summary>
    public const int FormatVersion = 1;

    private const string HeaderKey = "mlvideo.training_checkpoint";
    private const string ModelPrefix = "model.", BestPrefix = "best.";
    private readonly Header _header;

    private TrainingCheckpoint(string path, Header header)
    {
        Path = path;
        _header = header;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>Epochs completed.</summary>
    public int CompletedEpochs => _header.CompletedEpochs;

    /// <summary>Optimiser steps taken (the learning-rate schedule's position).</summary>
    public long GlobalStep => _header.GlobalStep;

    /// <summary>The run's seed; a resumed run keeps it.</summary>
    public int Seed => _header.Seed;

    /// <summary>Epoch of the best-so-far weights (0 before any).</summary>
    public int BestEpoch => _header.BestEpoch;

    /// <summary>Validation accuracy of <see cref="BestEpoch"/>, when validated.</summary>
    public double? BestValidationAccuracy => _header.BestValidationAccuracy;

    /// <summary>End-of-epoch summaries of the completed epochs.</summary>
    public IReadOnlyList<EpochSummary> History => _header.History;

    /// <summary>The optimiser and its hyper-parameters, in words.</summary>
    public string Optimizer => _header.Optimizer;

    /// <summary>Short hash of the model's state-dict names, dtypes and shapes.</summary>
    public string ModelFingerprint => _header.ModelFingerprint;

    /// <summary>The checkpoint file for <paramref name="fileOrFolder"/>: the file itself, or <see cref="FileName"/> inside a folder.</summary>
    public static string Resolve(string fileOrFolder) =>
        Directory.Exists(fileOrFolder) ? System.IO.Path.Combine(fileOrFolder, FileName) : fileOrFolder;

    /// <summary>Reads the header of the checkpoint at <paramref name="fileOrFolder"/> (no tensors are loaded).</summary>
    /// <exception cref="FileNotFoundException">No checkpoint there.</exception>
    /// <exception cref="InvalidDataException">Not a training checkpoint, truncated, or of a newer format; the message names the file.</exception>
    public static TrainingCheckpoint Read(string fileOrFolder)
    {
        ArgumentNullException.ThrowIfNull(fileOrFolder);
        using var file = Open(Resolve(fileOrFolder));
        return new TrainingCheckpoint(file.SourceName, ReadHeader(file));
    }

    /// <summary>Writes a checkpoint atomically.</summary>
    internal static void Write(string path, CheckpointContent content, torch.nn.Module model, GroupedOptimizer optimizer, IReadOnlyDictionary<string, Tensor>? best)
    {
        var header = new Header
        {
            FormatVersion = FormatVersion,
            CompletedEpochs = content.CompletedEpochs,
            GlobalStep = content.GlobalStep,
            Seed = content.Seed,
            BestEpoch = content.BestEpoch,
            BestValidationAccuracy = content.BestValidationAccuracy,
            History = content.History.ToList(),
            Optimizer = GroupedOptimizer.Describe(optimizer.Settings),
            OptimizerLayout = optimizer.Layout,
            Schedule = content.Schedule,
            ModelFingerprint = content.Fingerprint.Hash,
            ModelEntries = content.Fingerprint.Entries.ToList(),
        };
        using var scope = NewDisposeScope();
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (key, value) in model.state_dict()) tensors.Add(KeyValuePair.Create(ModelPrefix + key, value));
        if (best is not null) foreach (var (key, value) in best) tensors.Add(KeyValuePair.Create(BestPrefix + key, value));
        foreach (var (name, value) in optimizer.StateTensors()) tensors.Add(KeyValuePair.Create(name, value));
        var metadata = new Dictionary<string, string> { [HeaderKey] = JsonSerializer.Serialize(header, JsonOptions) };
        SafeTensorsWriter.Write(path, tensors, metadata);
    }

    /// <summary>
    /// Loads the checkpoint's model and optimiser state into <paramref name="model"/> and <paramref name="optimizer"/>,
    /// after checking that both are the ones it was written for, and returns its best-so-far weights (on
    /// <paramref name="device"/>, owned by the caller) when it has them.
    /// </summary>
    /// <exception cref="CheckpointMismatchException">Another architecture or optimiser layout.</exception>
    internal Dictionary<string, Tensor>? Restore(torch.nn.Module model, GroupedOptimizer optimizer, ModelFingerprint fingerprint, Device device)
    {
        var theirs = Training.ModelFingerprint.FromEntries(_header.ModelEntries);
        if (fingerprint.DescribeDifference(theirs) is string difference)
            throw new CheckpointMismatchException(Path, $"it was written for another model ({difference}; checkpoint model {theirs.Hash}, this model {fingerprint.Hash})");
        if (_header.OptimizerLayout != optimizer.Layout)
            throw new CheckpointMismatchException(Path, $"it was written with optimiser [{_header.OptimizerLayout}] but this run uses [{optimizer.Layout}]");

        using var file = Open(Path);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var name in Names(file, ModelPrefix))
                state[name[ModelPrefix.Length..]] = file.ToTensor(name);
            model.load_state_dict(state, strict: true);
        }
        finally
        {
            foreach (var tensor in state.Values) tensor.Dispose();
        }
        optimizer.LoadState(file, device);

        var bestNames = Names(file, BestPrefix);
        if (bestNames.Count == 0)
        {
            // Written without a copy because the best epoch was the last completed one: the model holds it.
            return BestEpoch > 0 && BestEpoch == CompletedEpochs ? ModelState.Copy(model) : null;
        }
        var best = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var name in bestNames) best[name[BestPrefix.Length..]] = file.ToTensor(name, device).DetachFromDisposeScope();
        return best;
    }

    /// <summary>Opens the file's header; safetensors faults become <see cref="InvalidDataException"/>, this type's documented error.</summary>
    private static SafeTensorsFile Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No training checkpoint at '{path}'.", path);
        try
        {
            return SafeTensorsReader.Open(path);
        }
        catch (SafeTensorsFormatException e)
        {
            throw new InvalidDataException($"'{path}' is not a readable training checkpoint: {e.Fault}.", e);
        }
    }

    private static List<string> Names(SafeTensorsFile file, string prefix) =>
        file.Entries.Select(e => e.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    private static Header ReadHeader(SafeTensorsFile file)
    {
        if (!file.Metadata.TryGetValue(HeaderKey, out var json))
            throw new InvalidDataException($"'{file.SourceName}' is not an MLVideo training checkpoint (metadata '{HeaderKey}' missing).");
        Header? header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{file.SourceName}': the training checkpoint header is not valid JSON ({e.Message}).", e);
        }
        if (header is null) throw new InvalidDataException($"'{file.SourceName}': the training checkpoint header is empty.");
        if (header.FormatVersion > FormatVersion)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"'{file.SourceName}' is a training checkpoint of format version {header.FormatVersion}; this MLVideo reads up to version {FormatVersion}."));
        if (header.FormatVersion < 1) throw new InvalidDataException($"'{file.SourceName}': the training checkpoint header has no format version.");
        return header;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The JSON header, as stored.</summary>
    private sealed class Header
    {
        public int FormatVersion { get; set; }
        public int CompletedEpochs { get; set; }
        public long GlobalStep { get; set; }
        public int Seed { get; set; }
        public int BestEpoch { get; set; }
        public double? BestValidationAccuracy { get; set; }
        public List<EpochSummary> History { get; set; } = [];
        public string Optimizer { get; set; } = "";
        public string OptimizerLayout { get; set; } = "";
        [JsonPropertyName("learning_rate_schedule")]
        public string Schedule { get; set; } = "";
        public string ModelFingerprint { get; set; } = "";
        public List<string> ModelEntries { get; set; } = [];
    }
}
