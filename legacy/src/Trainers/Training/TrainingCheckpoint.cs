using System.Globalization;
using System.Text.Json;
using MLVideo.Tensors;
using MLVideo.Tensors.Nn;
using MLVideo.Tensors.Optim;
using MLVideo.Tensors.Serialization;

namespace MLVideo.Trainers.Training;

/// <summary>
/// One file holding everything needed to continue a run after the end of an epoch: the model's state dict
/// (<c>model.*</c>), the optimiser's state (<c>optim.*</c>) and, in the safetensors metadata, the loop state
/// (completed epochs, global step, best accuracy, history) and a fingerprint of the model options. Written to a
/// temporary file that replaces the previous checkpoint only when complete, so a killed run leaves a usable file.
/// </summary>
public sealed class TrainingCheckpoint
{
    /// <summary>File name of the rolling checkpoint inside a checkpoint folder.</summary>
    public const string FileName = "checkpoint.safetensors";

    /// <summary>File name of the best model's weights inside a checkpoint folder.</summary>
    public const string BestFileName = "best.safetensors";

    private const string FormatKey = "mlvideo_checkpoint";

    /// <summary>Epochs completed.</summary>
    public int CompletedEpochs { get; init; }

    /// <summary>Optimiser steps taken.</summary>
    public int GlobalStep { get; init; }

    /// <summary>Best validation accuracy so far (null without validation).</summary>
    public double? BestAccuracy { get; init; }

    /// <summary>Epoch (1-based) of the best validation accuracy.</summary>
    public int BestEpoch { get; init; }

    /// <summary>End-of-epoch reports of the completed epochs, in order.</summary>
    public IReadOnlyList<EpochSummary> History { get; init; } = [];

    /// <summary>Fingerprint of the model options; resuming with different options is an error.</summary>
    public string ModelFingerprint { get; init; } = "";

    /// <summary>Writes the checkpoint atomically to <paramref name="path"/>.</summary>
    public void Save(string path, Module model, Optimizer optimizer)
    {
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (key, value) in model.StateDict()) tensors.Add(new("model." + key, value));
        foreach (var (key, value) in optimizer.StateDict()) tensors.Add(new("optim." + key, value));
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = "1",
            ["completed_epochs"] = CompletedEpochs.ToString(CultureInfo.InvariantCulture),
            ["global_step"] = GlobalStep.ToString(CultureInfo.InvariantCulture),
            ["best_accuracy"] = BestAccuracy?.ToString("R", CultureInfo.InvariantCulture) ?? "",
            ["best_epoch"] = BestEpoch.ToString(CultureInfo.InvariantCulture),
            ["history"] = JsonSerializer.Serialize(History),
            ["model"] = ModelFingerprint,
            ["param_groups"] = optimizer.ParameterGroupsJson(),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        SafeTensors.Save(path, tensors, metadata);   // temp file + move: the old checkpoint survives a crash
    }

    /// <summary>
    /// Reads a checkpoint file (or <see cref="FileName"/> inside a folder) and loads its model and optimiser state into
    /// <paramref name="model"/> and <paramref name="optimizer"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">No checkpoint at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not an MLVideo checkpoint or was made for another model.</exception>
    public static TrainingCheckpoint Load(string path, Module model, Optimizer optimizer, string expectedFingerprint)
    {
        string file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(file)) throw new FileNotFoundException($"No training checkpoint at '{file}'.", file);
        var content = SafeTensors.Load(file);
        var meta = content.Metadata;
        if (!meta.TryGetValue(FormatKey, out var format) || format != "1")
            throw new InvalidDataException($"'{file}' is not an MLVideo training checkpoint (metadata '{FormatKey}' missing).");
        var fingerprint = meta.GetValueOrDefault("model", "");
        if (fingerprint != expectedFingerprint)
            throw new InvalidDataException($"Checkpoint '{file}' was written for model [{fingerprint}], but the trainer builds [{expectedFingerprint}].");

        var modelState = new List<KeyValuePair<string, Tensor>>();
        var optimState = new List<KeyValuePair<string, Tensor>>();
        foreach (var name in content.Names)
        {
            if (name.StartsWith("model.", StringComparison.Ordinal)) modelState.Add(new(name["model.".Length..], content.GetTensor(name)));
            else if (name.StartsWith("optim.", StringComparison.Ordinal)) optimState.Add(new(name["optim.".Length..], content.GetTensor(name)));
        }
        model.LoadStateDict(modelState, strict: true);
        optimizer.LoadStateDict(optimState, meta.GetValueOrDefault("param_groups"));
        foreach (var (_, t) in modelState) t.Dispose();
        foreach (var (_, t) in optimState) t.Dispose();

        return new TrainingCheckpoint
        {
            CompletedEpochs = int.Parse(meta["completed_epochs"], CultureInfo.InvariantCulture),
            GlobalStep = int.Parse(meta["global_step"], CultureInfo.InvariantCulture),
            BestAccuracy = meta.TryGetValue("best_accuracy", out var best) && best.Length > 0 ? double.Parse(best, CultureInfo.InvariantCulture) : null,
            BestEpoch = int.Parse(meta.GetValueOrDefault("best_epoch", "0"), CultureInfo.InvariantCulture),
            History = JsonSerializer.Deserialize<List<EpochSummary>>(meta.GetValueOrDefault("history", "[]")) ?? [],
            ModelFingerprint = fingerprint,
        };
    }
}
