using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Vision;
using TorchSharp.Modules;
using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Models.ToyGan;

/// <summary>
/// "toy-gan": a DCGAN learning to draw the coloured squares and discs of <see cref="ShapesDataset"/>. Small
/// enough to train in seconds on a CPU, complete enough to exercise the whole loop: two networks with batch
/// norm, two Adam optimisers with pix2pix's linear decay, torch's default generator (z) plus an owned one
/// (instance noise), a shuffled data set, sample grids and an evaluation.
/// </summary>
public sealed class ToyGanExperiment : Experiment<ToyGanOptions>
{
    public static ExperimentDefinition<ToyGanOptions> Definition { get; } =
        new(
            "toy-gan",
            "DCGAN on embedded 16×16 shapes: the loop's demo and test experiment",
            new Dictionary<Preset, Func<ToyGanOptions, ToyGanOptions>>
            {
                // Seconds on a CPU: what tests and CI run.
                [Preset.Smoke] = o =>
                    o with
                    {
                        Steps = 60,
                        BatchSize = 16,
                        Latent = 16,
                        Width = 8,
                        DatasetSize = 256,
                        SampleCount = 16,
                        LogEvery = 5,
                        SampleEvery = 20,
                        CheckpointEvery = 20,
                    },
                // Minutes on 2 cores (measured: 200 steps in ~40 s on a heavily loaded 2-core machine, Debug build).
                [Preset.Cpu] = o =>
                    o with
                    {
                        Steps = 3000,
                        BatchSize = 64,
                        Width = 32,
                        SampleEvery = 250,
                        CheckpointEvery = 500,
                        EvaluateEvery = 250,
                    },
                // DCGAN's published settings (batch 128, 64 feature maps) on a GPU.
                [Preset.Paper] = o =>
                    o with
                    {
                        Steps = 20000,
                        BatchSize = 128,
                        Width = 64,
                        Latent = 100,
                        DatasetSize = 16384,
                        Device = ComputeDevice.Cuda,
                        SampleEvery = 1000,
                        CheckpointEvery = 2000,
                        EvaluateEvery = 1000,
                    },
            },
            options => new ToyGanExperiment(options)
        );

    private static readonly string[] Losses = { "G", "D_real", "D_fake" };

    private readonly Device device;
    private readonly Sequential generator;
    private readonly Sequential discriminator;
    private readonly optim.Optimizer optG;
    private readonly optim.Optimizer optD;
    private readonly Generator noise;
    private readonly ShuffledBatches data;
    private readonly Tensor sampleZ;
    private readonly Tensor evaluationReal;

    public ToyGanExperiment(ToyGanOptions options)
        : base(options)
    {
        device = TargetDevice;

        generator = AddNetwork("G", ToyGanNetworks.WithDcganInit(ToyGanNetworks.Generator(options.Latent, options.Width)));
        discriminator = AddNetwork("D", ToyGanNetworks.WithDcganInit(ToyGanNetworks.Discriminator(options.Width)));
        generator.to(device);
        discriminator.to(device);
        var betas = (options.Beta1, options.Beta2);
        optG = AddAdamWithLinearDecay("G", generator.parameters(), options.LearningRate, betas, options.Steps, options.ConstantLrFraction);
        optD = AddAdamWithLinearDecay("D", discriminator.parameters(), options.LearningRate, betas, options.Steps, options.ConstantLrFraction);
        noise = AddGenerator("noise", new Generator(unchecked((ulong)(options.Seed + 1))));

        data = new ShuffledBatches(
            new Dictionary<string, Tensor> { ["image"] = ShapesDataset.Generate(options.DatasetSize, options.Seed) },
            options.BatchSize,
            options.Seed
        );

        // Fixed inputs for samples and evaluation come from private generators, never torch's default one.
        using var fixedNoise = new Generator(unchecked((ulong)(options.Seed + 2)));
        using (var z = torch.randn(new long[] { options.SampleCount, options.Latent, 1, 1 }, generator: fixedNoise))
            sampleZ = z.to(device).DetachFromDisposeScope();
        using (var real = ShapesDataset.Generate(256, options.Seed + 3))
            evaluationReal = real.to(device).DetachFromDisposeScope();
    }

    public override IReadOnlyList<string> LossNames => Losses;
    public override IBatchSource Data => data;

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var real = batch["image"].to(device);
        var z = torch.randn(new long[] { batch.Size, Options.Latent, 1, 1 }, device: device);
        var fake = generator.call(z);
        var ones = torch.ones(new long[] { batch.Size, 1, 1, 1 }, device: device);
        var zeros = torch.zeros(new long[] { batch.Size, 1, 1, 1 }, device: device);

        // Discriminator: real → 1, fake → 0 (the fake detached so G gets no gradient from this update).
        var lossDReal = F.binary_cross_entropy_with_logits(discriminator.call(Noisy(real)), ones);
        var lossDFake = F.binary_cross_entropy_with_logits(discriminator.call(Noisy(fake.detach())), zeros);
        var lossD = (lossDReal + lossDFake) * Scalars.Of(0.5);
        optD.zero_grad();
        lossD.backward();
        optD.step();

        // Generator: the non-saturating loss, fakes labelled real.
        var lossG = F.binary_cross_entropy_with_logits(discriminator.call(Noisy(fake)), ones);
        optG.zero_grad();
        lossG.backward();
        optG.step();

        foreach (var scheduler in Schedulers.Values)
            scheduler.step();
        return new Dictionary<string, double>
        {
            ["G"] = lossG.ToDouble(),
            ["D_real"] = lossDReal.ToDouble(),
            ["D_fake"] = lossDFake.ToDouble(),
        };
    }

    public override Tensor? SampleGrid()
    {
        using var _ = torch.no_grad();
        generator.eval();
        try
        {
            using var fakes = generator.call(sampleZ);
            return SampleGrids.Tile(fakes, (int)Math.Ceiling(Math.Sqrt(Options.SampleCount)));
        }
        finally
        {
            generator.train();
        }
    }

    /// <summary>
    /// Two numbers a working generator drives to 0: the gap in lit-pixel fraction (how much of the image a shape
    /// covers) and in mean intensity between 256 fakes and 256 real images.
    /// </summary>
    public override IReadOnlyDictionary<string, double>? Evaluate()
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        using var evaluationNoise = new Generator(unchecked((ulong)(Options.Seed + 4)));
        generator.eval();
        try
        {
            var z = torch.randn(new long[] { 256, Options.Latent, 1, 1 }, generator: evaluationNoise).to(device);
            var fakes = generator.call(z);
            return new Dictionary<string, double>
            {
                ["lit_fraction_gap"] = Math.Abs(LitFraction(fakes) - LitFraction(evaluationReal)),
                ["mean_gap"] = Math.Abs(fakes.mean().ToDouble() - evaluationReal.mean().ToDouble()),
            };
        }
        finally
        {
            generator.train();
        }
    }

    private static double LitFraction(Tensor images) => images.amax(new long[] { 1 }).gt(Scalars.Of(0.0)).to(ScalarType.Float32).mean().ToDouble();

    private Tensor Noisy(Tensor images)
    {
        if (Options.InstanceNoise == 0)
            return images;
        var n = torch.randn(images.shape, generator: noise).to(device);
        return images + n * Scalars.Of(Options.InstanceNoise);
    }

    protected override void Dispose(bool disposing)
    {
        sampleZ.Dispose();
        evaluationReal.Dispose();
    }
}
