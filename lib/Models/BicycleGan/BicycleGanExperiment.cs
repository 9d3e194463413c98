using Dino.Repro.Data;
using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using Dino.Repro.Training;
using TorchSharp.Modules;
using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Models.BicycleGan;

/// <summary>
/// The BicycleGAN baseline: each batch is split in halves. cVAE-GAN: z = E(B₁) reparameterised, G(A₁, z) judged by D and
/// pulled to B₁ in L1, KL on E's posterior. cLR-GAN: G(A₁, z_random) judged by D2 (real B₂), and μ(E(G(A₁, z_random)))
/// regressed to z_random with E frozen so only G learns from it. Order of the reference's <c>optimize_parameters</c>:
/// forward once, step G and E, then D and D2 on the same (pre-step) fakes.
/// </summary>
public sealed class BicycleGanExperiment : PairedTranslationExperiment<BicycleGanOptions>
{
    public const string Name = "bicyclegan";

    public static ExperimentDefinition<BicycleGanOptions> Definition(Func<BicycleGanOptions, IBatchSource> data) =>
        new(
            Name,
            "BicycleGAN baseline (U-Net with z everywhere, ResNet encoder, two 2-scale LSGAN PatchGANs)",
            Presets,
            options => new BicycleGanExperiment(options, data(options))
        );

    /// <summary>smoke: seconds (CI); cpu: 64² within an hour on 2 cores; paper: the reference's 256² recipe on a GPU.</summary>
    public static IReadOnlyDictionary<Preset, Func<BicycleGanOptions, BicycleGanOptions>> Presets { get; } =
        new Dictionary<Preset, Func<BicycleGanOptions, BicycleGanOptions>>
        {
            [Preset.Smoke] = o => ImageToImagePresets.Smoke(o) with { Ngf = 8, Ndf = 8, Nef = 8 }, // narrow: small smoke checkpoints
            [Preset.Cpu] = ImageToImagePresets.Cpu,
            // 200 epochs of CelebAMask-HQ's ~24k pairs at batch 2 (100 constant + 100 decaying); `dino reproduce` recounts them
            // on the corpus it reads (Reproduce.PaperSchedule).
            [Preset.Paper] = o => ImageToImagePresets.Paper(o, batchSize: 2, steps: 2_400_000, sampleEvery: 20_000, checkpointEvery: 100_000),
        };

    private static readonly string[] Losses = { "G_GAN", "G_GAN2", "G_L1", "kl", "z_L1", "D", "D2" };

    private readonly UnetAddAllGenerator generator;
    private readonly ResNetEncoder encoder;
    private readonly MultiScaleDiscriminator discriminator;
    private readonly MultiScaleDiscriminator discriminator2;
    private readonly optim.Optimizer optG;
    private readonly optim.Optimizer optE;
    private readonly optim.Optimizer optD;
    private readonly optim.Optimizer optD2;

    public BicycleGanExperiment(BicycleGanOptions options, IBatchSource data)
        : base(options, data, PairedAugmentation.Pix2Pix)
    {
        var norm = options.NormKind;
        generator = AddNetwork(
            "G",
            WeightInit.XavierNormal(
                new UnetAddAllGenerator(
                    options.InputChannels,
                    options.OutputChannels,
                    options.Nz,
                    UnetAddAllGenerator.DownsFor(options.Resolution),
                    options.Ngf,
                    norm,
                    options.Dropout
                ),
                options.InitGain
            )
        );
        encoder = AddNetwork(
            "E",
            WeightInit.XavierNormal(new ResNetEncoder(options.OutputChannels, options.Nz, options.Resolution, options.Nef, norm), options.InitGain)
        );
        discriminator = AddNetwork("D", WeightInit.XavierNormal(NewDiscriminator(options), options.InitGain));
        discriminator2 = AddNetwork("D2", WeightInit.XavierNormal(NewDiscriminator(options), options.InitGain));
        foreach (var network in Networks.Values)
            network.to(Device);
        var betas = (options.Beta1, options.Beta2);
        optG = AddAdamWithLinearDecay("G", generator.parameters(), options.LearningRate, betas, options.Steps, options.ConstantLrFraction);
        optE = AddAdamWithLinearDecay("E", encoder.parameters(), options.LearningRate, betas, options.Steps, options.ConstantLrFraction);
        optD = AddAdamWithLinearDecay("D", discriminator.parameters(), options.LearningRate, betas, options.Steps, options.ConstantLrFraction);
        optD2 = AddAdamWithLinearDecay("D2", discriminator2.parameters(), options.LearningRate, betas, options.Steps, options.ConstantLrFraction);
    }

    // Unconditional: the reference's default conditional_D is off, so D sees B alone.
    private static MultiScaleDiscriminator NewDiscriminator(BicycleGanOptions o) =>
        new(o.OutputChannels, o.Ndf, o.ResolvedDiscriminatorLayers, o.NormKind, o.DiscriminatorScales);

    public UnetAddAllGenerator Generator => generator;
    public ResNetEncoder Encoder => encoder;
    public MultiScaleDiscriminator Discriminator => discriminator;
    public MultiScaleDiscriminator Discriminator2 => discriminator2;
    public override IReadOnlyList<string> LossNames => Losses;

    /// <summary>z ~ N(0, I) of shape [B, nz] (the reference's get_z_random, "gauss"); the default generator unless one is given.</summary>
    public Tensor SampleZ(long batch, Generator? generator = null)
    {
        using var unit = torch.randn(new long[] { batch, Options.Nz }, generator: generator);
        return unit.to(Device);
    }

    /// <summary>The reference's <c>encode</c>: (μ, log σ²) = E(B), z = μ + e^{½ log σ²}·ε with ε from <see cref="SampleZ"/>.</summary>
    public (Tensor z, Tensor mu, Tensor logvar) Encode(Tensor target, Generator? generator = null)
    {
        var (mu, logvar) = encoder.call(target);
        using var epsilon = SampleZ(mu.size(0), generator);
        return (BicycleGanLosses.Reparameterise(mu, logvar, epsilon), mu, logvar);
    }

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var (source, target) = PairOnDevice(batch);

        // forward(): A₁, B₁ feed the encoded branch; the random branch reuses A₁ and takes B₂ as D2's real images.
        var half = batch.Size / 2;
        var sourceEncoded = source.narrow(0, 0, half);
        var targetEncoded = target.narrow(0, 0, half);
        var targetRandom = target.narrow(0, half, batch.Size - half);
        var (zEncoded, mu, logvar) = Encode(targetEncoded);
        var zRandom = SampleZ(half);
        var fakeEncoded = generator.call(sourceEncoded, zEncoded);
        var fakeRandom = generator.call(sourceEncoded, zRandom);
        var (muRecovered, _) = encoder.call(fakeRandom); // a point estimate: the reference ignores its log σ²

        // G and E: fool both D, reconstruct B₁, keep E's posterior near N(0, I). D's weights are frozen meanwhile.
        RequiresGrad.Set(discriminator, false);
        RequiresGrad.Set(discriminator2, false);
        var lossGGan = BicycleGanLosses.LeastSquares(discriminator.call(fakeEncoded), targetIsReal: true) * Scalars.Of(Options.GanWeight);
        var lossGGan2 = BicycleGanLosses.LeastSquares(discriminator2.call(fakeRandom), targetIsReal: true) * Scalars.Of(Options.GanWeight2);
        var lossKl = BicycleGanLosses.KlDivergence(mu, logvar) * Scalars.Of(Options.KlWeight);
        var lossGL1 = F.l1_loss(fakeEncoded, targetEncoded) * Scalars.Of(Options.L1Weight);
        var lossG = lossGGan + lossGGan2 + lossGL1 + lossKl;
        optE.zero_grad();
        optG.zero_grad();
        lossG.backward(retain_graph: true); // the latent loss below walks G's random-branch graph again

        // G alone: E frozen, so E(G(A₁, z)) recovering z trains G but not E (the reference's backward_G_alone).
        RequiresGrad.Set(encoder, false);
        var lossZ = F.l1_loss(muRecovered, zRandom) * Scalars.Of(Options.LatentWeight);
        lossZ.backward();
        RequiresGrad.Set(encoder, true);
        optE.step();
        optG.step();

        // D and D2 on the fakes of this forward pass, detached; L_D = fake + real (no ½, unlike pix2pix).
        RequiresGrad.Set(discriminator, true);
        RequiresGrad.Set(discriminator2, true);
        var lossD = DiscriminatorStep(discriminator, optD, targetEncoded, fakeEncoded);
        var lossD2 = DiscriminatorStep(discriminator2, optD2, targetRandom, fakeRandom);

        foreach (var scheduler in Schedulers.Values)
            scheduler.step();
        return new Dictionary<string, double>
        {
            ["G_GAN"] = lossGGan.ToDouble(),
            ["G_GAN2"] = lossGGan2.ToDouble(),
            ["G_L1"] = lossGL1.ToDouble(),
            ["kl"] = lossKl.ToDouble(),
            ["z_L1"] = lossZ.ToDouble(),
            ["D"] = lossD.ToDouble(),
            ["D2"] = lossD2.ToDouble(),
        };
    }

    private static Tensor DiscriminatorStep(MultiScaleDiscriminator network, optim.Optimizer optimizer, Tensor real, Tensor fake)
    {
        var fakeDetached = fake.detach();
        var lossFake = BicycleGanLosses.LeastSquares(network.call(fakeDetached), targetIsReal: false);
        var lossReal = BicycleGanLosses.LeastSquares(network.call(real), targetIsReal: true);
        var loss = lossFake + lossReal;
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return loss;
    }

    /// <summary>
    /// Rows of condition | target | G(A, μ(B)) | G(A, z₁) | G(A, z₂), z fixed by a private generator so grids are comparable
    /// over a run. In eval mode (no dropout), like pix2pix's grid.
    /// </summary>
    public override Tensor? SampleGrid() =>
        SampleRows(
            (source, target) =>
                EvalMode.Run(
                    () =>
                    {
                        var (muTarget, _) = encoder.call(target);
                        var reconstruction = generator.call(source, muTarget);
                        using var fixedZ = new Generator(unchecked((ulong)(Options.Seed + 3)));
                        var random1 = generator.call(source, SampleZ(source.size(0), fixedZ));
                        var random2 = generator.call(source, SampleZ(source.size(0), fixedZ));
                        return new[] { reconstruction, random1, random2 };
                    },
                    generator,
                    encoder
                )
        );
}
