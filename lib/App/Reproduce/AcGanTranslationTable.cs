using System.Globalization;
using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Synthetic.TwoDomainFaces;
using Dino.Repro.Evaluation.FaceTranslation;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.AcGan;
using Dino.Repro.Models.FaceAttributes;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// `dino reproduce acgan-translation`: Dong et al. 2017 print no table, so the kit makes the one their claims imply. It
/// trains the AC-GAN (step 1), then two encoders through its frozen G (step 2): the paper's latent loss and the baseline's
/// pixel loss; translates the test faces (step 3) with each, and scores them with a face judge trained on the real faces
/// against their recorded factors, beside two references — the input left unchanged and the corpus' own translation
/// (the same face drawn in the other domain) — and what keeping nothing of the input would score. The report says whether each claim holds.
/// </summary>
public sealed class AcGanTranslationTable : IReproducibleTable
{
    public const string TableName = "acgan-translation";
    public const string Unchanged = "Input unchanged",
        RealPairs = "Real pairs (the corpus' own translation)",
        NothingKept = "Nothing kept (best constant guess)",
        LatentEncoder = "AC-GAN + latent-MSE E (paper)",
        PixelEncoder = "AC-GAN + pixel-loss E (baseline)";

    /// <summary>Test faces shown in the Figure-3 grid.</summary>
    public const int GridFaces = 8;

    public string Name => TableName;

    public string Description =>
        "Dong et al. 2017 (unsupervised image-to-image translation, AC-GAN + encoder): the table its claims imply, on two-domain faces";

    public IReadOnlyList<Preset> Presets { get; } = [Preset.Smoke, Preset.Cpu, Preset.Paper];

    public Reproduction Run(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var (ganOverrides, encoderOverrides) = Plan(request);
        var folder = Path.GetFullPath(Path.Combine(request.OutputRoot, Name));
        var runs = Path.Combine(folder, "runs");
        Directory.CreateDirectory(folder);

        using var gan = TrainedMethod.Train("AC-GAN", AcGanExperiment.Name, request.Preset, ganOverrides, runs, progress, stop: request.Stop);
        var options = (AcGanOptions)gan.Options;
        using var latent = TrainEncoder(LatentEncoder, AcGanEncoderOptions.LatentLoss, gan, encoderOverrides, request, runs, progress);
        using var pixel = TrainEncoder(PixelEncoder, AcGanEncoderOptions.PixelLoss, gan, encoderOverrides, request, runs, progress);

        var corpus = CorpusRegistry.Faces(options.Corpus)(options.FacesCount, options.Resolution);
        using var evaluation = TranslationEvaluation.Open(corpus, options, request.Preset, progress);
        var test = evaluation.Test;
        progress.Message($"{Name}: scoring the translations of {test.Count} test faces with {evaluation.Judge.Description}");

        // Every translation, reconstruction and grid column is freed with this scope, once the report is written.
        using var scope = torch.NewDisposeScope();
        var rows = new List<MethodScores> { new(Unchanged, evaluation.Scorer.Score(test.Images)) };
        var truth = evaluation.OtherDomainTruth();
        if (truth is not null)
            rows.Add(new MethodScores(RealPairs, evaluation.Scorer.Score(truth)));
        if (evaluation.Scorer.NothingKept() is { Count: > 0 } guessed)
            rows.Add(new MethodScores(NothingKept, guessed));
        var shown = Math.Min(GridFaces, test.Count);
        var grid = new List<Tensor> { test.Images.narrow(0, 0, shown) };
        foreach (var encoder in new[] { latent, pixel })
        {
            var experiment = (AcGanEncoderExperiment)encoder.Experiment;
            var (reconstruction, translation) = AcGanTranslation.Run(experiment.G, experiment.E, test.Images, test.Classes);
            var scores = evaluation.Scorer.Score(translation);
            scores[FaceTranslationMetrics.PixelReconstruction] = torch.nn.functional.mse_loss(reconstruction, test.Images).ToDouble();
            scores[FaceTranslationMetrics.LatentReconstruction] = experiment.Evaluate()![AcGanEncoderExperiment.LatentReconstruction];
            rows.Add(new MethodScores(encoder.Method, scores));
            grid.Add(reconstruction.narrow(0, 0, shown));
            grid.Add(translation.narrow(0, 0, shown));
        }
        if (truth is not null)
            grid.Add(truth.narrow(0, 0, shown));

        var result = new AcGanTranslationResult(
            folder,
            request.Preset,
            options,
            test.Count,
            evaluation.Judge.Description,
            rows,
            SpeedOf([latent, pixel])
        )
        {
            Runs = [(gan.Method, gan.RunDirectory), (latent.Method, latent.RunDirectory), (pixel.Method, pixel.RunDirectory)],
            Truth = evaluation.Scorer.Truth,
            Inception = evaluation.Inception,
        };
        return AcGanTranslationReport.Write(result, grid, [gan.LossPlot(), latent.LossPlot(), pixel.LossPlot()]);
    }

    public IReadOnlyList<MethodCost> Estimate(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var (ganOverrides, encoderOverrides) = Plan(request);
        var registry = BuiltInExperiments.Registry;
        // A few faces suffice to time steps (twice a batch: each class fills its half of one); the networks and batch are the preset's.
        var preset = (AcGanOptions)registry.Get(AcGanExperiment.Name).Resolve(request.Preset, ganOverrides);
        var probeFaces = KeyValuePair.Create("faces_count", Math.Max(40, 2 * preset.BatchSize).ToString(CultureInfo.InvariantCulture));
        var gan = (AcGanOptions)registry.Get(AcGanExperiment.Name).Resolve(request.Preset, [.. ganOverrides, probeFaces]);
        gan.Device.Require();
        progress.Message(
            $"timing {AcGanExperiment.Name} and both encoders (preset {request.Preset.Name()}): {TrainingCost.TimedSteps} steps after a warm-up"
        );
        var costs = new List<MethodCost>();
        using (var experiment = (AcGanExperiment)registry.Get(AcGanExperiment.Name).Create(gan))
            costs.Add(Cost("AC-GAN", AcGanExperiment.Name, gan, preset.Steps, TrainingCost.MedianStepSeconds(experiment)));
        foreach (var (method, loss) in new[] { (LatentEncoder, AcGanEncoderOptions.LatentLoss), (PixelEncoder, AcGanEncoderOptions.PixelLoss) })
        {
            var encoder = (AcGanEncoderOptions)
                registry.Get(AcGanEncoderExperiment.Name).Resolve(request.Preset, [.. encoderOverrides, KeyValuePair.Create("loss", loss)]);
            var generator = new AcGanGenerator(gan.Latent, gan.ClassEmbedding, gan.Width, gan.Resolution).Initialise();
            var faces = BuiltInExperiments.FaceBatches(gan with { BatchSize = encoder.BatchSize });
            using var experiment = new AcGanEncoderExperiment(encoder, generator, (gan.Latent, gan.Width, gan.Resolution), faces);
            costs.Add(
                Cost(method, AcGanEncoderExperiment.Name, gan, encoder.Steps, TrainingCost.MedianStepSeconds(experiment)) with
                {
                    BatchSize = encoder.BatchSize,
                }
            );
        }
        return costs;
    }

    private static MethodCost Cost(string method, string experiment, AcGanOptions gan, int steps, double seconds) =>
        new(method, experiment, gan.Resolution, gan.BatchSize, gan.Device, steps, seconds);

    // The user's --set options go to the runs whose options have that key; the table sets which G and which loss itself.
    private (List<KeyValuePair<string, string>> gan, List<KeyValuePair<string, string>> encoder) Plan(ReproduceRequest request)
    {
        if (!Presets.Contains(request.Preset))
            throw new UsageException($"{Name} runs at {string.Join(", ", Presets.Select(p => p.Name()))}");
        if (request.Seeds != 1)
            throw new UsageException($"{Name} trains one seed (--seeds is for the DINO image-to-image tables)");
        if (request.AlsoReferenceTestMode)
            throw new UsageException($"--reference-test-mode is for pix2pix and BicycleGAN rows; {Name} has none");
        var ganKeys = OptionSet.Keys(typeof(AcGanOptions)).ToHashSet();
        var encoderKeys = OptionSet.Keys(typeof(AcGanEncoderOptions)).ToHashSet();
        var gan = new List<KeyValuePair<string, string>>();
        var encoder = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in request.Overrides ?? [])
        {
            if (key is "generator_run" or "loss")
                throw new UsageException($"{Name} sets {key} itself (each encoder trains through this table's AC-GAN)");
            if (!ganKeys.Contains(key) && !encoderKeys.Contains(key))
                throw new UsageException($"unknown option '{key}' for {AcGanExperiment.Name} and {AcGanEncoderExperiment.Name}");
            if (ganKeys.Contains(key))
                gan.Add(KeyValuePair.Create(key, value));
            if (encoderKeys.Contains(key))
                encoder.Add(KeyValuePair.Create(key, value));
        }
        // The speed claim reads each encoder's reconstruction error at evaluation steps, and their wall time from the log.
        var resolved = (AcGanEncoderOptions)BuiltInExperiments.Registry.Get(AcGanEncoderExperiment.Name).Resolve(request.Preset, encoder);
        if (resolved.EvaluateEvery < 1 || resolved.EvaluateEvery % resolved.LogEvery != 0)
            throw new UsageException(
                $"{Name} needs the encoders evaluated at logged steps: evaluate_every must be a positive multiple of log_every (got "
                    + $"{resolved.EvaluateEvery} and {resolved.LogEvery})"
            );
        return (gan, encoder);
    }

    private static TrainedMethod TrainEncoder(
        string method,
        string loss,
        TrainedMethod gan,
        IReadOnlyList<KeyValuePair<string, string>> overrides,
        ReproduceRequest request,
        string runs,
        IProgressSink progress
    ) =>
        TrainedMethod.Train(
            method,
            AcGanEncoderExperiment.Name,
            request.Preset,
            [.. overrides, KeyValuePair.Create("generator_run", gan.RunDirectory), KeyValuePair.Create("loss", loss)],
            runs,
            progress,
            stop: request.Stop
        );

    private static IReadOnlyList<EncoderSpeedRow> SpeedOf(IReadOnlyList<TrainedMethod> encoders)
    {
        var curves = encoders.Select(e => EncoderSpeed.Read(e.RunDirectory)).ToList();
        var target = EncoderSpeed.CommonTarget(curves);
        return encoders
            .Zip(curves)
            .Select(pair =>
            {
                var (encoder, curve) = pair;
                var last = curve[^1];
                return new EncoderSpeedRow(
                    encoder.Method,
                    curve,
                    target,
                    EncoderSpeed.FirstReaching(curve, target),
                    curve.Min(p => p.Error),
                    last.WallSeconds / last.Step
                );
            })
            .ToList();
    }
}

/// <summary>One encoder's speed: its curve, the common target error, when it first reached it, its best error and seconds per step.</summary>
public sealed record EncoderSpeedRow(
    string Method,
    IReadOnlyList<ReconstructionPoint> Curve,
    double Target,
    ReconstructionPoint? Reached,
    double BestError,
    double SecondsPerStep
);

/// <summary>What the table measured, for the report.</summary>
public sealed record AcGanTranslationResult(
    string Folder,
    Preset Preset,
    AcGanOptions Options,
    int TestFaces,
    string Judge,
    IReadOnlyList<MethodScores> Rows,
    IReadOnlyList<EncoderSpeedRow> Speed
)
{
    public IReadOnlyList<(string method, string runDirectory)> Runs { get; init; } = [];

    /// <summary>What the kept factors were scored against (<see cref="FaceTranslationScorer.Truth"/>).</summary>
    public string Truth { get; init; } = "";

    /// <summary>The Inception file the FID (Inception) column comes from, or "missing: " and how to get it.</summary>
    public string Inception { get; init; } = "";

    public IReadOnlyDictionary<string, double?> Row(string method) => Rows.Single(r => r.Method == method).Values;

    /// <summary>The row of <paramref name="method"/>, or null where this corpus has none (real pairs on a real corpus).</summary>
    public IReadOnlyDictionary<string, double?>? RowOrNull(string method) => Rows.SingleOrDefault(r => r.Method == method)?.Values;
}
