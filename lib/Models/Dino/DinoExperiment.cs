using Dino.Repro.Data;
using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using Dino.Repro.Training;
using TorchSharp.Modules;

namespace Dino.Repro.Models.Dino;

/// <summary>
/// One-way DINO (Vougioukas et al., ICLR 2021) on paired images: the Forward network F translates source x (batch
/// tensor "A") into target y ("B"); the Reverse network R translates targets back and is trained, as an energy-based
/// critic, to reconstruct x well from real y and badly from F's translations. <see cref="Definition"/> builds a registrable
/// definition around a batch source (<see cref="BuiltInExperiments"/> registers it on the corpora the kit reads).
/// </summary>
public sealed class DinoExperiment : PairedTranslationExperiment<DinoOptions>
{
    public const string Name = "dino";
    public const string BalanceKey = "k";

    /// <summary>
    /// The definition under <see cref="Name"/>, its presets and a factory: <paramref name="data"/> makes the batch
    /// source ("A" condition, "B" target, [B, channels, resolution, resolution] in [−1, 1]) for the resolved options;
    /// the experiment takes ownership of it.
    /// </summary>
    public static ExperimentDefinition<DinoOptions> Definition(Func<DinoOptions, IBatchSource> data) =>
        new(Name, "DINO one-way image-to-image translation (Forward U-Net vs Reverse U-Net energy)", Presets, options => new DinoExperiment(
            options,
            data(options)
        ));

    /// <summary>smoke: seconds (CI); cpu: Shapes at 64² within an hour on 2 cores; paper: the reference's 256², batch 8.</summary>
    public static IReadOnlyDictionary<Preset, Func<DinoOptions, DinoOptions>> Presets { get; } =
        new Dictionary<Preset, Func<DinoOptions, DinoOptions>>
        {
            // Narrow networks: at the reference width one smoke checkpoint of F and R with Adam's moments is ~190 MB.
            [Preset.Smoke] = o => ImageToImagePresets.Smoke(o) with { Width = 8 },
            [Preset.Cpu] = ImageToImagePresets.Cpu,
            // 200 epochs of CelebAMask-HQ's ~24k training pairs at batch 8 ≈ 600k steps; `dino reproduce` recounts them on the
            // corpus it reads (Reproduce.PaperSchedule).
            [Preset.Paper] = o => ImageToImagePresets.Paper(o, batchSize: 8, steps: 600_000, sampleEvery: 5000, checkpointEvery: 15_000),
        };

    private static readonly string[] Losses = { "R", "F", "E_real", "E_fake", "L1" };

    private readonly DinoUNet forward;
    private readonly DinoUNet reverse;
    private readonly optim.Optimizer optF;
    private readonly optim.Optimizer optR;
    private readonly BalanceController controller;

    public DinoExperiment(DinoOptions options, IBatchSource data)
        : base(options, data, PairedAugmentation.Dino)
    {
        forward = AddNetwork("F", new DinoUNet(options.Resolution, options.NoiseSize, options.Channels, options.NormKind, options.Width));
        reverse = AddNetwork("R", new DinoUNet(options.Resolution, 0, options.Channels, options.NormKind, options.Width));
        forward.to(Device);
        reverse.to(Device);
        optF = AddOptimizer("F", torch.optim.Adam(forward.parameters(), lr: options.LearningRate, beta1: options.Beta1, beta2: options.Beta2));
        optR = AddOptimizer("R", torch.optim.Adam(reverse.parameters(), lr: options.LearningRate, beta1: options.Beta1, beta2: options.Beta2));
        if (options.LinearDecay)
        {
            var steps = (double)options.Steps;
            AddScheduler("F", new ResumableLambdaLR(optF, step => Math.Max(0, 1 - step / steps)));
            AddScheduler("R", new ResumableLambdaLR(optR, step => Math.Max(0, 1 - step / steps)));
        }
        controller = DinoBalance.Controller(options);
        Controller.Declare(BalanceKey, options.InitialK);
    }

    public DinoUNet Forward => forward;
    public DinoUNet Reverse => reverse;
    public override IReadOnlyList<string> LossNames => Losses;

    /// <summary>F's noise for <paramref name="batch"/> pairs (<see cref="DinoOptions.SampleNoise"/>; null without noise).</summary>
    public Tensor? SampleNoise(long batch, Generator? generator = null) => Options.SampleNoise(batch, Device, generator);

    /// <summary>The reference's iteration: R step on (real, detached fake), F step through the updated R, then k.</summary>
    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var (source, target) = PairOnDevice(batch);
        var z = SampleNoise(batch.Size); // drawn once, used by both steps
        var k = Controller[BalanceKey];

        // Reverse (critic) step: low energy for real targets, high for translations (Eq. 5).
        var translation = forward.call(source, z);
        var energyReal = DinoLosses.Energy(reverse.call(target, null), source);
        var energyFake = DinoLosses.Energy(reverse.call(translation.detach(), null), source);
        var lossR = DinoLosses.ReverseLoss(energyReal, energyFake, k, Options.Margin);
        optR.zero_grad();
        lossR.backward();
        optR.step();

        // Forward (generator) step through the updated R; gradients reach R too but only F's optimiser steps.
        // The reference recomputes F(x, z) with the same z; F is unchanged since and has no dropout, so the first
        // pass's graph gives the same numbers and is reused.
        var energyTranslation = DinoLosses.Energy(reverse.call(translation, null), source);
        var l1 = torch.nn.functional.l1_loss(translation, target);
        var lossF = DinoLosses.ForwardLoss(energyTranslation, translation, target, Options.ReconstructionWeight);
        optF.zero_grad();
        lossF.backward();
        optF.step();

        // Balance from the R step's (pre-update) energies, Eq. 4.
        var eReal = energyReal.ToDouble();
        var eFake = energyFake.ToDouble();
        Controller[BalanceKey] = controller.Update(k, eReal, eFake);

        foreach (var scheduler in Schedulers.Values)
            scheduler.step();
        return new Dictionary<string, double>
        {
            ["R"] = lossR.ToDouble(),
            ["F"] = lossF.ToDouble(),
            ["E_real"] = eReal,
            ["E_fake"] = eFake,
            ["L1"] = l1.ToDouble(),
        };
    }

    /// <summary>Rows of source | target | translation for the first pairs seen, with fixed private noise.</summary>
    public override Tensor? SampleGrid() =>
        SampleRows(
            (source, _) =>
            {
                using var fixedNoise = new Generator(unchecked((ulong)(Options.Seed + 2)));
                return new[] { forward.call(source, SampleNoise(source.size(0), fixedNoise)) };
            }
        );
}
