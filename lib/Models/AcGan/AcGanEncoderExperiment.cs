using Dino.Repro.Data.Loading;
using Dino.Repro.IO;

namespace Dino.Repro.Models.AcGan;

/// <summary>
/// Step 2 of Dong et al.: E learns to invert a trained, frozen G (batch norm in inference mode, no gradient to its
/// weights). With the latent loss each step draws z ~ N(0, 1) and labels with p = ½ and regresses E(G(z, c)) on z, so it
/// needs no data; with the pixel loss it encodes a batch of real faces and compares G(E(x), c_x) with x. G is registered,
/// so its checkpoint carries the frozen weights it was trained against.
/// </summary>
public sealed class AcGanEncoderExperiment : Experiment<AcGanEncoderOptions>
{
    public const string Name = "acgan-encoder";

    /// <summary>
    /// The registrable definition: <paramref name="generatorRun"/> loads G and its options from the run that
    /// <see cref="AcGanEncoderOptions.GeneratorRun"/> names; <paramref name="faces"/> reads the faces that run trained on (the
    /// pixel loss's data) and <paramref name="heldOut"/> a fixed set of that corpus' test faces, which <see cref="Evaluate"/>
    /// reconstructs.
    /// </summary>
    public static ExperimentDefinition<AcGanEncoderOptions> Definition(
        Func<AcGanEncoderOptions, (AcGanGenerator generator, AcGanOptions options)> generatorRun,
        Func<AcGanOptions, IBatchSource> faces,
        Func<AcGanOptions, Batch> heldOut
    ) =>
        new(
            Name,
            "Dong et al. 2017 step 2: the encoder E through the frozen G of an acgan run (set generator_run=RUN; loss=latent|pixel)",
            Presets,
            options =>
            {
                var (generator, gan) = generatorRun(options);
                var data =
                    options.Loss == AcGanEncoderOptions.PixelLoss
                        ? faces(gan with { BatchSize = options.BatchSize, Seed = options.Seed })
                        : new CountedBatches(options.BatchSize);
                return new AcGanEncoderExperiment(options, generator, (gan.Latent, gan.Width, gan.Resolution), data, heldOut(gan));
            }
        );

    public static IReadOnlyDictionary<Preset, Func<AcGanEncoderOptions, AcGanEncoderOptions>> Presets { get; } =
        new Dictionary<Preset, Func<AcGanEncoderOptions, AcGanEncoderOptions>>
        {
            // Evaluated at logged steps, so each reconstruction error has the wall time it was reached at.
            [Preset.Smoke] = o => o with { Steps = 20, BatchSize = 8, LogEvery = 5, EvaluateEvery = 10, CheckpointEvery = 10, KeepCheckpoints = 1 },
            [Preset.Cpu] = o => o with { Steps = 3000, LogEvery = 25, EvaluateEvery = 100, CheckpointEvery = 500 },
            // The reference: 30,000 steps of batch 64.
            [Preset.Paper] = o =>
                o with
                {
                    Steps = 30_000,
                    Device = ComputeDevice.Cuda,
                    LogEvery = 100,
                    EvaluateEvery = 1000,
                    CheckpointEvery = 5000,
                },
        };

    private static readonly string[] Losses = ["E"];

    /// <summary>What <see cref="Evaluate"/> reports: MSE(G(E(x), c_x), x) on the held-out faces, MSE(E(G(z, c)), z) on fixed draws.</summary>
    public const string PixelReconstruction = "pixel_reconstruction",
        LatentReconstruction = "latent_reconstruction";

    // Draws of (z, c) for the latent reconstruction error, the same at every evaluation and for both losses.
    private const int EvaluationDraws = 256;

    private readonly Device device;
    private readonly AcGanGenerator generator;
    private readonly AcGanEncoder encoder;
    private readonly optim.Optimizer optE;
    private readonly IBatchSource data;
    private readonly int latent;
    private readonly Tensor evaluationZ,
        evaluationLabels;
    private readonly Tensor? heldOutFaces,
        heldOutClasses;

    /// <param name="generator">G of an <c>acgan</c> run, its weights loaded; this experiment takes ownership.</param>
    /// <param name="shape">G's (latent, width, resolution), which E mirrors.</param>
    /// <param name="data">Class-balanced real faces (read by the pixel loss; the latent loss only counts its batches).</param>
    /// <param name="heldOut">
    /// Real faces the encoder never trains on (<see cref="AcGanExperiment.ImageKey"/>, <see cref="AcGanExperiment.ClassKey"/>),
    /// whose reconstruction <see cref="Evaluate"/> reports; this experiment takes ownership. Null: no pixel error reported.
    /// </param>
    public AcGanEncoderExperiment(
        AcGanEncoderOptions options,
        AcGanGenerator generator,
        (int latent, int width, int resolution) shape,
        IBatchSource data,
        Batch? heldOut = null
    )
        : base(options)
    {
        this.generator = AddNetwork(AcGanExperiment.GeneratorName, generator ?? throw new ArgumentNullException(nameof(generator)));
        this.data = data ?? throw new ArgumentNullException(nameof(data));
        device = TargetDevice;
        latent = shape.latent;
        encoder = AddNetwork("E", Common.WeightInit.Normal(new AcGanEncoder(shape.latent, shape.width, shape.resolution)));
        generator.to(device);
        encoder.to(device);
        // Frozen: inference-mode batch norm, and no weight gradients (the loss still reaches E through G's activations).
        generator.eval();
        foreach (var p in generator.parameters())
            p.requires_grad = false;
        optE = AddOptimizer("E", torch.optim.Adam(encoder.parameters(), lr: options.LearningRate, beta1: options.Beta1, beta2: 0.999));
        using var draws = new Generator(unchecked((ulong)(options.Seed + 5)));
        evaluationZ = torch.randn([EvaluationDraws, latent], generator: draws).to(device).DetachFromDisposeScope();
        evaluationLabels = torch
            .randint(0, AcGanOptions.Classes, [EvaluationDraws], generator: draws, dtype: ScalarType.Int64)
            .to(device)
            .DetachFromDisposeScope();
        if (heldOut is not null)
        {
            heldOutFaces = heldOut[AcGanExperiment.ImageKey].to(device).DetachFromDisposeScope();
            heldOutClasses = heldOut[AcGanExperiment.ClassKey].to(device).DetachFromDisposeScope();
        }
    }

    public override IReadOnlyList<string> LossNames => Losses;
    public override IBatchSource Data => data;

    public AcGanEncoder E => encoder;

    /// <summary>The frozen G (the weights it was trained against, as its checkpoint holds them).</summary>
    public AcGanGenerator G => generator;

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var loss = Options.Loss == AcGanEncoderOptions.PixelLoss ? PixelLoss(batch) : LatentLoss(batch.Size);
        optE.zero_grad();
        loss.backward();
        optE.step();
        return new Dictionary<string, double> { ["E"] = loss.ToDouble() };
    }

    /// <summary>
    /// The reconstruction errors both encoders are compared by: <see cref="PixelReconstruction"/> on the held-out faces and
    /// <see cref="LatentReconstruction"/> on fixed draws, E in eval mode.
    /// </summary>
    public override IReadOnlyDictionary<string, double>? Evaluate()
    {
        using var _ = torch.no_grad();
        return Common.EvalMode.Run(
            () =>
            {
                var metrics = new Dictionary<string, double>
                {
                    [LatentReconstruction] = torch
                        .nn.functional.mse_loss(encoder.call(generator.call(evaluationZ, evaluationLabels)), evaluationZ)
                        .ToDouble(),
                };
                if (heldOutFaces is not null)
                {
                    var (reconstruction, _) = AcGanTranslation.Run(generator, encoder, heldOutFaces, heldOutClasses!);
                    metrics[PixelReconstruction] = torch.nn.functional.mse_loss(reconstruction, heldOutFaces).ToDouble();
                }
                return metrics;
            },
            encoder
        );
    }

    /// <summary>MSE(E(G(z, c)), z) with z ~ N(0, 1) and c ~ Bernoulli(½) (the paper's step 2).</summary>
    public Tensor LatentLoss(long batch)
    {
        var z = torch.randn([batch, latent], device: device);
        var labels = torch.randint(0, AcGanOptions.Classes, [batch], dtype: ScalarType.Int64, device: device);
        Tensor images;
        using (torch.no_grad())
            images = generator.call(z, labels);
        return torch.nn.functional.mse_loss(encoder.call(images), z);
    }

    /// <summary>MSE(G(E(x), c_x), x) on real faces (the baseline: image reconstruction through the frozen G).</summary>
    public Tensor PixelLoss(Batch batch)
    {
        var real = batch[AcGanExperiment.ImageKey].to(device);
        var labels = batch[AcGanExperiment.ClassKey].to(device);
        return torch.nn.functional.mse_loss(generator.call(encoder.call(real), labels), real);
    }

    protected override void Dispose(bool disposing)
    {
        evaluationZ.Dispose();
        evaluationLabels.Dispose();
        heldOutFaces?.Dispose();
        heldOutClasses?.Dispose();
    }
}
