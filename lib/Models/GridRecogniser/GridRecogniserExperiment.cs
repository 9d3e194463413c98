using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Training;
using TorchSharp.Modules;

namespace Dino.Repro.Models.GridRecogniser;

/// <summary>
/// "grid-recogniser": trains <see cref="GridRecogniserNetwork"/> on the training speakers of a GRID-layout corpus
/// with the mean per-slot cross-entropy, and evaluates slot accuracy and WER on the validation speakers (unseen
/// voices). The trained run folder is what <c>GridTranscriberFiles.Load</c> and <c>dino metric wer-speech</c> take.
/// </summary>
public sealed class GridRecogniserExperiment : Experiment<GridRecogniserOptions>
{
    /// <summary>The network's name in checkpoints ("networks.recogniser.…").</summary>
    public const string NetworkName = "recogniser";

    public const string ExperimentName = "grid-recogniser";

    public static ExperimentDefinition<GridRecogniserOptions> Definition { get; } =
        new(
            ExperimentName,
            "GRID word recogniser (log-mel → conv → BiGRU → 12 time spans → 6 slot softmaxes) for Table 3's WER",
            new Dictionary<Preset, Func<GridRecogniserOptions, GridRecogniserOptions>>
            {
                // Seconds: Spoken GRID 4 voices × 6 (12 training clips, 6 validation clips), a narrow network.
                [Preset.Smoke] = o =>
                    o with
                    {
                        SpokenGridSpeakers = 4,
                        SpokenGridUtterances = 6,
                        Steps = 30,
                        BatchSize = 6,
                        MelBands = 24,
                        Channels = 16,
                        Hidden = 16,
                        LogEvery = 5,
                        SampleEvery = 0,
                        EvaluateEvery = 15,
                        CheckpointEvery = 15,
                    },
                // Minutes on 2 cores: Spoken GRID 8 voices × 100 (400 training clips from 4 voices, 200 validation clips from 2 others).
                // Measured on a shared 2-core machine: ~9 min to make the corpus once, 3–8 min to train; validation WER 0.13.
                [Preset.Cpu] = o => o with { Steps = 600, SampleEvery = 0, EvaluateEvery = 150, CheckpointEvery = 300 },
                // The real corpus (16 training speakers, ~16k clips) on a GPU, a wider network, 1000 validation clips per evaluation.
                [Preset.Paper] = o =>
                    o with
                    {
                        Corpus = "grid",
                        Device = ComputeDevice.Cuda,
                        Steps = 20000,
                        BatchSize = 64,
                        Channels = 128,
                        Hidden = 128,
                        SampleEvery = 0,
                        EvaluateEvery = 1000,
                        CheckpointEvery = 2000,
                        EvaluationClips = 1000,
                    },
            },
            options => new GridRecogniserExperiment(options)
        );

    private static readonly string[] Losses = ["ce", "batch_slot_accuracy"];

    private readonly Device device;
    private readonly GridRecogniserNetwork network;
    private readonly optim.Optimizer optimizer;
    private readonly ShuffledBatches data;
    private readonly Generator augmentation;
    private readonly GridClipSet? validation;

    public GridRecogniserExperiment(GridRecogniserOptions options)
        : base(options)
    {
        device = TargetDevice;

        using (var corpus = GridRecogniserCorpus.Open(options))
        using (var front = options.CreateFeatures())
        {
            using var train = GridClipSet.Load(corpus, GridSplitName.Train, front);
            if (train.Count < options.BatchSize)
                throw new ArgumentException(
                    $"{corpus.Root} holds {train.Count} clips of training speakers, fewer than batch_size {options.BatchSize}"
                );
            data = new ShuffledBatches(
                new Dictionary<string, Tensor> { ["features"] = train.Features.alias(), ["labels"] = train.Labels.alias() },
                options.BatchSize,
                options.Seed
            );
            if (options.EvaluateEvery > 0)
            {
                validation = GridClipSet.Load(corpus, GridSplitName.Val, front, options.EvaluationClips);
                if (validation.Count == 0)
                    throw new ArgumentException(
                        $"{corpus.Root} has no clips of validation speakers ({string.Join(" ", GridSplit.ValSpeakers.Select(s => $"s{s}"))}); set "
                            + "evaluate_every=0 to train without evaluation"
                    );
            }
        }

        network = AddNetwork(NetworkName, options.CreateNetwork());
        network.to(device);
        optimizer = AddOptimizer(NetworkName, torch.optim.Adam(network.parameters(), lr: options.LearningRate));
        augmentation = AddGenerator("augmentation", new Generator(unchecked((ulong)(options.Seed + 1))));
    }

    public override IReadOnlyList<string> LossNames => Losses;
    public override IBatchSource Data => data;

    /// <summary>The network being trained (tests and the transcriber's export read it).</summary>
    public GridRecogniserNetwork Network => network;

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var features = MelBandShift.Apply(batch["features"], Options.BandShift, augmentation).to(device);
        var labels = batch["labels"].to(device);
        var logits = network.call(features);
        var loss = GridSlots.Loss(logits, labels);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        var accuracy = GridSlots.Predict(logits.detach()).eq(labels).to(ScalarType.Float32).mean();
        return new Dictionary<string, double> { ["ce"] = loss.ToDouble(), ["batch_slot_accuracy"] = accuracy.ToDouble() };
    }

    /// <summary>Slot accuracies and WER on the validation speakers: val_wer, val_slot_accuracy, val_acc_command … val_acc_adverb.</summary>
    public override IReadOnlyDictionary<string, double>? Evaluate() =>
        validation is null ? null : GridRecognitionScores.Of(network, validation).ToMetrics("val_");

    protected override void Dispose(bool disposing) => validation?.Dispose();
}
