using Dino.Repro.Models;
using Dino.Repro.Models.BicycleGan;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Dino;
using Dino.Repro.Models.Pix2Pix;
using Dino.Repro.Training;

namespace Dino.Repro.Evaluation.ImageToImage;

/// <summary>
/// Translates test conditions with a trained image-to-image experiment, batch after batch. The noise of DINO (both
/// kinds) and BicycleGAN comes from one private generator for the whole split, so every method sees the same draws run
/// after run, whatever the batch size (a multiple of <see cref="Chunk"/>). Bidirectional DINO translates with its primary
/// stream, as the reference tests; pix2pix and BicycleGAN run in eval mode (no dropout, running batch statistics), as
/// their sample grids do, or as their authors' test.py runs them (<see cref="BaselineTestMode.Reference"/>).
/// </summary>
public sealed class Translator : IDisposable
{
    /// <summary>Images go through the network this many at a time (a GPU batch of 256² translations).</summary>
    public const int Chunk = 16;

    private readonly IExperiment experiment;
    private readonly Device device;
    private readonly Generator noise;
    private readonly ReferenceTestMode? reference;

    public Translator(IExperiment experiment, TrainingOptions options, BaselineTestMode baselines = BaselineTestMode.Eval)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        this.experiment = experiment;
        device = options.Device.ToTorch();
        noise = new Generator(unchecked((ulong)(options.Seed + 3)));
        if (baselines == BaselineTestMode.Reference)
            reference = new ReferenceTestMode(options.Seed + 4);
    }

    /// <summary>Translations [N, 3, H, W] in [−1, 1], on the CPU, of <paramref name="conditions"/> [N, C, H, W] (any device).</summary>
    public Tensor Translate(Tensor conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        using var _ = torch.no_grad();
        var chunks = new List<Tensor>();
        try
        {
            for (long start = 0; start < conditions.size(0); start += Chunk)
            {
                using var scope = torch.NewDisposeScope();
                var chunk = conditions.narrow(0, start, Math.Min(Chunk, conditions.size(0) - start)).to(device);
                chunks.Add(TranslateChunk(chunk).to(torch.CPU).MoveToOuterDisposeScope());
            }
            return torch.cat(chunks.ToArray(), 0);
        }
        finally
        {
            foreach (var chunk in chunks)
                chunk.Dispose();
        }
    }

    private Tensor TranslateChunk(Tensor conditions)
    {
        var n = conditions.size(0);
        switch (experiment)
        {
            case DinoExperiment dino:
                return dino.Forward.call(conditions, dino.SampleNoise(n, noise));
            case BidirectionalDinoExperiment dual:
                return dual.Forward.call(conditions, dual.SampleNoise(n, noise));
            case Pix2PixExperiment pix2pix when reference is not null:
                return reference.Run(pix2pix.Generator, conditions, (image, _) => pix2pix.Generator.call(image));
            case Pix2PixExperiment pix2pix:
                return EvalMode.Run(() => pix2pix.Generator.call(conditions), pix2pix.Generator);
            case BicycleGanExperiment bicycle when reference is not null:
                using (var z = bicycle.SampleZ(n, noise)) // the same draws as in eval mode
                    return reference.Run(bicycle.Generator, conditions, (image, i) => bicycle.Generator.call(image, z.narrow(0, i, 1)));
            case BicycleGanExperiment bicycle:
                return EvalMode.Run(() => bicycle.Generator.call(conditions, bicycle.SampleZ(n, noise)), bicycle.Generator);
            default:
                throw new NotSupportedException($"no translator for {experiment.GetType().Name}");
        }
    }

    /// <summary>Whether <see cref="BaselineTestMode"/> changes how <paramref name="experiment"/> translates.</summary>
    public static bool HasBaselineTestModes(IExperiment experiment) => experiment is Pix2PixExperiment or BicycleGanExperiment;

    public void Dispose()
    {
        noise.Dispose();
        reference?.Dispose();
    }
}

/// <summary>How pix2pix and BicycleGAN are run on the test split (DINO has no dropout or batch norm to choose for).</summary>
public enum BaselineTestMode
{
    /// <summary>Eval mode: no dropout, batch norm's running statistics (the kit's default, as its sample grids).</summary>
    Eval,

    /// <summary>As their authors' test.py runs without --eval: dropout on, each image normalised by its own statistics.</summary>
    Reference,
}
