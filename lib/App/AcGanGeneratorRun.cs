using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.AcGan;
using Dino.Repro.Training;

namespace Dino.Repro.App;

/// <summary>G of an <c>acgan</c> run, from its newest checkpoint, for the encoder of step 2 (<c>dino train acgan-encoder</c>).</summary>
internal static class AcGanGeneratorRun
{
    /// <summary>
    /// The generator and the options it trained with; a <see cref="UsageException"/> when the folder is no acgan run with a checkpoint.
    /// </summary>
    public static (AcGanGenerator generator, AcGanOptions options) Load(string runPath, ExperimentRegistry registry)
    {
        if (string.IsNullOrWhiteSpace(runPath))
            throw new UsageException(
                $"{AcGanEncoderExperiment.Name} needs generator_run=RUN, an {AcGanExperiment.Name} run folder (dino train acgan)"
            );
        var run = RunFolder.Open(runPath);
        var manifest = RunManifest.Load(run.OptionsFile, registry);
        if (manifest.Options is not AcGanOptions options)
            throw new UsageException($"'{runPath}' is a {manifest.Experiment} run, not an {AcGanExperiment.Name} one");
        var checkpoint = new CheckpointStore(run.CheckpointsFolder, int.MaxValue).Latest()
            ?? throw new UsageException($"'{runPath}' has no checkpoint yet: train it first (dino train --resume {runPath})");
        var weights = Checkpoint.NetworkState(checkpoint, AcGanExperiment.GeneratorName);
        try
        {
            var generator = new AcGanGenerator(options.Latent, options.ClassEmbedding, options.Width, options.Resolution);
            generator.LoadStateDict(weights);
            return (generator, options);
        }
        finally
        {
            foreach (var t in weights.Values)
                t.Dispose();
        }
    }
}
