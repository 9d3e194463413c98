using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Vision;

namespace Dino.Repro.Models.AcGan;

/// <summary>
/// "acgan": step 1 of Dong et al.'s translation — an AC-GAN on two classes of faces. Each iteration draws a
/// class-balanced batch, updates D once on (real, G(z, c)), then G <see cref="AcGanOptions.GeneratorUpdates"/> times
/// with the same z and labels (the fakes are conditioned on the real batch's labels, so both classes are asked for
/// equally). Constant learning rates, as the reference's Keras Adam. Needs a batch source of faces and classes, so
/// <see cref="Definition"/> builds a registrable definition from one.
/// </summary>
public sealed class AcGanExperiment : Experiment<AcGanOptions>
{
    public const string Name = "acgan";

    /// <summary>G's name in checkpoints ("networks.G.…"), which step 2 loads alone.</summary>
    public const string GeneratorName = "G";

    /// <summary>Batch keys: faces float [B, 3, R, R] in [−1, 1] and classes int64 [B] (the CelebA gender reader's).</summary>
    public const string ImageKey = "image",
        ClassKey = "class";

    public static ExperimentDefinition<AcGanOptions> Definition(Func<AcGanOptions, IBatchSource> data) =>
        new(
            Name,
            "Dong et al. 2017 step 1: AC-GAN on two face domains (CelebA's Male attribute; smoke/cpu: the embedded two-domain-faces)",
            Presets,
            options => new AcGanExperiment(options, data(options))
        );

    public static IReadOnlyDictionary<Preset, Func<AcGanOptions, AcGanOptions>> Presets { get; } =
        new Dictionary<Preset, Func<AcGanOptions, AcGanOptions>>
        {
            // Seconds on a CPU: tests and CI.
            [Preset.Smoke] = o =>
                o with
                {
                    Corpus = "two-domain-faces",
                    FacesCount = 40,
                    Resolution = 32,
                    Width = 8,
                    Latent = 32,
                    BatchSize = 8,
                    Steps = 20,
                    LogEvery = 5,
                    SampleEvery = 10,
                    CheckpointEvery = 10,
                    SampleCount = 8,
                    KeepCheckpoints = 1,
                },
            // The sheet's cpu size: 32², widths a quarter of the paper's, ~3k iterations.
            [Preset.Cpu] = o =>
                o with
                {
                    Corpus = "two-domain-faces",
                    FacesCount = 4000,
                    Resolution = 32,
                    Width = 16,
                    Steps = 3000,
                    LogEvery = 25,
                    SampleEvery = 500,
                    CheckpointEvery = 500,
                },
            // The reference on CelebA: 100 epochs of the training split at batch 64 (≈ 2,026 steps an epoch).
            [Preset.Paper] = o =>
                o with
                {
                    Corpus = "celeba",
                    Steps = 202_600,
                    Device = ComputeDevice.Cuda,
                    SampleEvery = 5000,
                    CheckpointEvery = 5000,
                },
        };

    private static readonly string[] Losses = ["D", "G", "real_class_accuracy"];

    private readonly Device device;
    private readonly AcGanGenerator generator;
    private readonly AcGanDiscriminator discriminator;
    private readonly optim.Optimizer optG,
        optD;
    private readonly IBatchSource data;
    private readonly Tensor sampleZ,
        sampleLabels;

    public AcGanExperiment(AcGanOptions options, IBatchSource data)
        : base(options)
    {
        this.data = data ?? throw new ArgumentNullException(nameof(data));
        device = TargetDevice;
        generator = AddNetwork(
            GeneratorName,
            new AcGanGenerator(options.Latent, options.ClassEmbedding, options.Width, options.Resolution).Initialise()
        );
        discriminator = AddNetwork("D", Common.WeightInit.Normal(new AcGanDiscriminator(options.Width, options.Resolution)));
        generator.to(device);
        discriminator.to(device);
        optG = AddOptimizer("G", torch.optim.Adam(generator.parameters(), lr: options.LearningRate, beta1: options.Beta1, beta2: 0.999));
        optD = AddOptimizer("D", torch.optim.Adam(discriminator.parameters(), lr: options.LearningRate, beta1: options.Beta1, beta2: 0.999));

        // Sample grid: the same z drawn as each class (row 1 female, row 2 male), from a private generator.
        var perClass = options.SampleCount / AcGanOptions.Classes;
        using var fixedNoise = new Generator(unchecked((ulong)(options.Seed + 2)));
        using (var z = torch.randn([perClass, options.Latent], generator: fixedNoise))
            sampleZ = z.repeat(AcGanOptions.Classes, 1).to(device).DetachFromDisposeScope();
        using (var labels = torch.arange(Scalars.Of(AcGanOptions.Classes), dtype: ScalarType.Int64).repeat_interleave(perClass))
            sampleLabels = labels.to(device).DetachFromDisposeScope();
    }

    public override IReadOnlyList<string> LossNames => Losses;
    public override IBatchSource Data => data;

    public AcGanGenerator G => generator;
    public AcGanDiscriminator D => discriminator;

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var real = batch[ImageKey].to(device);
        var labels = batch[ClassKey].to(device);
        var z = torch.randn([batch.Size, Options.Latent], device: device);

        // D: real faces real and of their class, fakes fake.
        var fake = generator.call(z, labels);
        var (realLogits, realClasses) = discriminator.call(real);
        var (fakeLogits, _) = discriminator.call(fake.detach());
        var lossD = AcGanLosses.Discriminator(realLogits, fakeLogits, realClasses, labels);
        optD.zero_grad();
        lossD.backward();
        optD.step();

        // G, twice with the same z and labels: fakes called real and of the class asked for.
        Tensor lossG = null!;
        for (var update = 0; update < Options.GeneratorUpdates; update++)
        {
            var (logits, classes) = discriminator.call(generator.call(z, labels));
            lossG = AcGanLosses.Generator(logits, classes, labels);
            optG.zero_grad();
            lossG.backward();
            optG.step();
        }

        var accuracy = realClasses.argmax(1).eq(labels).to(ScalarType.Float32).mean();
        return new Dictionary<string, double>
        {
            ["D"] = lossD.ToDouble(),
            ["G"] = lossG.ToDouble(),
            ["real_class_accuracy"] = accuracy.ToDouble(),
        };
    }

    public override Tensor? SampleGrid()
    {
        using var _ = torch.no_grad();
        using var fakes = Common.EvalMode.Run(() => generator.call(sampleZ, sampleLabels), generator);
        return SampleGrids.Tile(fakes, Options.SampleCount / AcGanOptions.Classes);
    }

    protected override void Dispose(bool disposing)
    {
        sampleZ.Dispose();
        sampleLabels.Dispose();
    }
}
