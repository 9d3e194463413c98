using System.Text.Json.Nodes;
using Dino.Repro.Models;
using Dino.Repro.Models.GridRecogniser;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Training;

namespace Dino.Repro.Evaluation.Speech;

/// <summary>Finding a trained recogniser: a run folder (its newest checkpoint), one of its checkpoints, or an export.</summary>
public static class GridTranscriberFiles
{
    /// <summary>A transcriber from a run folder, a checkpoint file of a grid-recogniser run, or a <see cref="GridTranscriber.Save"/>d file.</summary>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>, or the run has no checkpoint yet (the message says how to train
    /// one).</exception>
    /// <exception cref="InvalidDataException">The file is not a GRID recogniser.</exception>
    public static GridTranscriber Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            return FromRun(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"no GRID recogniser at '{path}': {GridTranscriber.HowToTrain}", path);
        IReadOnlyDictionary<string, string> metadata;
        try
        {
            metadata = SafeTensors.ReadHeader(path).Metadata;
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(
                $"{path} is not a safetensors file ({e.Message}), so not a GRID recogniser: {GridTranscriber.HowToTrain}",
                e
            );
        }
        var format = metadata.GetValueOrDefault("format");
        if (format == GridTranscriber.ExportFormat)
        {
            var options = ParseOptions(metadata.GetValueOrDefault("options"), path);
            return Build(options, SafeTensors.Load(path), path);
        }
        if (format == Checkpoint.Format)
        {
            if (metadata.GetValueOrDefault("experiment") != GridRecogniserExperiment.ExperimentName)
                throw new InvalidDataException(
                    $"{path} is a checkpoint of '{metadata.GetValueOrDefault("experiment")}', not of {GridRecogniserExperiment.ExperimentName}"
                );
            var run = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(path)))!;
            return FromCheckpoint(path, ReadRunOptions(run));
        }
        throw new InvalidDataException(
            $"{path} is neither a GRID recogniser export ({GridTranscriber.ExportFormat}) nor a training checkpoint ({Checkpoint.Format})"
        );
    }

    private static GridTranscriber FromRun(string folder)
    {
        var options = ReadRunOptions(folder);
        var latest = new CheckpointStore(Path.Combine(folder, "checkpoints"), 1).Latest()
            ?? throw new FileNotFoundException(
                $"run '{folder}' has no checkpoint yet: let its training reach a checkpoint, or {GridTranscriber.HowToTrain}"
            );
        return FromCheckpoint(latest, options);
    }

    private static GridTranscriber FromCheckpoint(string path, GridRecogniserOptions options)
    {
        var own = Checkpoint.NetworkState(path, GridRecogniserExperiment.NetworkName);
        return Build(options, own, path);
    }

    private static GridRecogniserOptions ReadRunOptions(string run)
    {
        var file = Path.Combine(run, "options.json");
        if (!File.Exists(file))
            throw new FileNotFoundException($"'{run}' is not a run folder (no options.json): {GridTranscriber.HowToTrain}", file);
        var manifest = RunManifest.Load(file, new ExperimentRegistry().Register(GridRecogniserExperiment.Definition));
        return manifest.Options as GridRecogniserOptions
            ?? throw new InvalidDataException(
                $"{file} is a run of '{manifest.Experiment}', not of {GridRecogniserExperiment.ExperimentName}: {GridTranscriber.HowToTrain}"
            );
    }

    private static GridRecogniserOptions ParseOptions(string? text, string source)
    {
        try
        {
            var json = JsonNode.Parse(text ?? throw new InvalidDataException($"{source} records no recogniser options"))!;
            return (GridRecogniserOptions)OptionSet.FromJson(typeof(GridRecogniserOptions), json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{source}: the recogniser options are not valid JSON: {e.Message}", e);
        }
    }

    private static GridTranscriber Build(GridRecogniserOptions options, OrderedDictionary<string, Tensor> state, string source)
    {
        var network = options.CreateNetwork();
        try
        {
            network.LoadStateDict(state);
        }
        catch (InvalidDataException e)
        {
            network.Dispose();
            throw new InvalidDataException($"{source} does not match a recogniser of its recorded sizes: {e.Message}", e);
        }
        finally
        {
            foreach (var tensor in state.Values)
                tensor.Dispose();
        }
        return new GridTranscriber(network, options);
    }
}
