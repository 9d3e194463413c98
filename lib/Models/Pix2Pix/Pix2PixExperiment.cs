using Dino.Repro.Data;
using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using Dino.Repro.Training;

namespace Dino.Repro.Models.Pix2Pix;

/// <summary>
/// The pix2pix baseline: a U-Net G translating condition A into B, a conditional PatchGAN D on [A, B] pairs,
/// L_D = ½[BCE(D(A, G(A)), 0) + BCE(D(A, B), 1)] then L_G = BCE(D(A, G(A)), 1) + λ·|G(A) − B|₁ (D first, as the
/// reference's <c>optimize_parameters</c>). Needs a batch source, so <see cref="Definition"/> builds a registrable
/// definition around one.
/// </summary>
public sealed class Pix2PixExperiment : PairedTranslationExperiment<Pix2PixOptions>
{
    public const string Name = "pix2pix";

    public static ExperimentDefinition<Pix2PixOptions> Definition(Func<Pix2PixOptions, IBatchSource> data) =>
        new(Name, "pix2pix baseline (U-Net + 70×70 PatchGAN, λ_L1 100)", Presets, options => new Pix2PixExperiment(options, data(options)));

    /// <summary>smoke: seconds (CI); cpu: 64² within an hour on 2 cores; paper: unet_256, batch 1, on a GPU.</summary>
    public static IReadOnlyDictionary<Preset, Func<Pix2PixOptions, Pix2PixOptions>> Presets { get; } =
        new Dictionary<Preset, Func<Pix2PixOptions, Pix2PixOptions>>
        {
            [Preset.Smoke] = o => ImageToImagePresets.Smoke(o) with { Ngf = 8, Ndf = 8 }, // narrow: small smoke checkpoints
            [Preset.Cpu] = ImageToImagePresets.Cpu,
            // 200 epochs of CelebAMask-HQ's ~24k pairs at batch 1 (100 constant + 100 decaying); `dino reproduce` recounts them
            // on the corpus it reads (Reproduce.PaperSchedule).
            [Preset.Paper] = o => ImageToImagePresets.Paper(o, batchSize: 1, steps: 4_800_000, sampleEvery: 20_000, checkpointEvery: 100_000),
        };

    private static readonly string[] Losses = { "G_GAN", "G_L1", "D_real", "D_fake" };

    private readonly UnetGenerator generator;
    private readonly PatchDiscriminator discriminator;
    private readonly optim.Optimizer optG;
    private readonly optim.Optimizer optD;

    public Pix2PixExperiment(Pix2PixOptions options, IBatchSource data)
        : base(options, data, PairedAugmentation.Pix2Pix)
    {
        generator = AddNetwork(
            "G",
            new UnetGenerator(
                options.InputChannels,
                options.OutputChannels,
                UnetGenerator.DownsFor(options.Resolution),
                options.Ngf,
                options.NormKind,
                options.Dropout
            )
        );
        discriminator = AddNetwork(
            "D",
            WeightInit.Normal(
                new PatchDiscriminator(options.InputChannels + options.OutputChannels, options.Ndf, options.DiscriminatorLayers, options.NormKind)
            )
        );
        generator.to(Device);
        discriminator.to(Device);
        var betas = (options.Beta1, options.Beta2);
        optG = AddAdamWithLinearDecay("G", generator.parameters(), options.LearningRate, betas, options.Steps, options.ConstantLrFraction);
        optD = AddAdamWithLinearDecay("D", discriminator.parameters(), options.LearningRate, betas, options.Steps, options.ConstantLrFraction);
    }

    public UnetGenerator Generator => generator;
    public PatchDiscriminator Discriminator => discriminator;
    public override IReadOnlyList<string> LossNames => Losses;

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var (condition, target) = PairOnDevice(batch);
        var translation = generator.call(condition);

        // D: real pairs → 1, translated pairs → 0 (translation detached: no gradient into G).
        var fakePair = torch.cat(new[] { condition, translation.detach() }, 1);
        var realPair = torch.cat(new[] { condition, target }, 1);
        var lossDFake = GanLoss.Vanilla(discriminator.call(fakePair), targetIsReal: false);
        var lossDReal = GanLoss.Vanilla(discriminator.call(realPair), targetIsReal: true);
        var lossD = (lossDFake + lossDReal) * Scalars.Of(0.5);
        optD.zero_grad();
        lossD.backward();
        optD.step();

        // G: fool the updated D, stay close to B in L1. D's weights are frozen so no gradient is computed for them.
        RequiresGrad.Set(discriminator, false);
        var translatedPair = torch.cat(new[] { condition, translation }, 1);
        var lossGGan = GanLoss.Vanilla(discriminator.call(translatedPair), targetIsReal: true);
        var lossGL1 = torch.nn.functional.l1_loss(translation, target) * Scalars.Of(Options.L1Weight);
        var lossG = lossGGan + lossGL1;
        optG.zero_grad();
        lossG.backward();
        optG.step();
        RequiresGrad.Set(discriminator, true);

        foreach (var scheduler in Schedulers.Values)
            scheduler.step();
        return new Dictionary<string, double>
        {
            ["G_GAN"] = lossGGan.ToDouble(),
            ["G_L1"] = lossGL1.ToDouble(),
            ["D_real"] = lossDReal.ToDouble(),
            ["D_fake"] = lossDFake.ToDouble(),
        };
    }

    /// <summary>Rows of condition | target | translation for the first pairs seen, in eval mode unlike pix2pix's test script.</summary>
    public override Tensor? SampleGrid() => SampleRows((condition, _) => EvalMode.Run(() => new[] { generator.call(condition) }, generator));
}
