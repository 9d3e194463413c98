using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using Dino.Repro.Training;
using Dino.Repro.Vision;
using TorchSharp.Modules;

namespace Dino.Repro.Models.Segmentation;

/// <summary>How the Shapes segmenter is trained; every field is part of its cache key.</summary>
/// <param name="Resolution">Side of the photos it segments (the translators' resolution).</param>
/// <param name="Steps">Adam steps on the real train pairs.</param>
/// <param name="BatchSize">Photos per step.</param>
/// <param name="Seed">Seeds its initialisation and batch order.</param>
public sealed record SegmenterOptions(int Resolution, int Steps = 300, int BatchSize = 8, long Seed = 7)
{
    /// <summary>Training steps per preset, measured to give > 0.9 pixel accuracy on real Shapes test photos.</summary>
    public static int DefaultSteps(Preset preset) => preset == Preset.Smoke ? 150 : 600;

    /// <summary>
    /// Train on photos half of which are Gaussian-blurred (σ uniform in <see cref="BlurSigmas"/> px at 64², scaled with the
    /// side), so a blurred translation that keeps its classes still reads as them: its scores tell lost semantics from blur.
    /// </summary>
    public bool BlurAugment { get; init; }

    /// <summary>The range of the augmentation's blur σ at 64² (translations at the cpu preset blur by about a pixel).</summary>
    public static (double Low, double High) BlurSigmas { get; } = (0.5, 2.0);

    /// <summary>Where a pretrained segmenter runs (the training run's device: on a GPU, the paper-size images segment there). Default cpu.</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;
}

/// <summary>
/// The stand-in for the paper's pretrained face parser on the embedded corpus: a small fully convolutional net
/// (photo → one logit per Shapes class) trained on real Shapes pairs only, so its pixel accuracy and mIoU on a
/// translated image say how well the translation kept the label map's semantics. Shapes classes differ in colour
/// and texture, so a few 3×3 layers (two dilated, for a 13-pixel receptive field) suffice.
/// </summary>
public sealed class ShapesSegmenter : ITranslationSegmenter
{
    public const int Version = 1; // bump when the network or its training changes: old cache files are then ignored
    private readonly Sequential network;

    private ShapesSegmenter(Sequential network, int classes, SegmenterOptions options, string cacheFile, bool fromCache)
    {
        this.network = network;
        Classes = classes;
        Options = options;
        CacheFile = cacheFile;
        FromCache = fromCache;
    }

    /// <summary>The label classes it predicts (its output channels).</summary>
    public int Classes { get; }

    /// <summary>How it was trained.</summary>
    public SegmenterOptions Options { get; }

    public string Description =>
        $"a segmenter the kit trained on real pairs of the corpus ({Options.Steps} steps at {Options.Resolution}²"
        + $"{(Options.BlurAugment ? ", half the photos blurred" : "")}, {CacheFile})";

    /// <summary>Where the weights are cached: next to the corpus, keyed by the corpus folder and the options.</summary>
    public string CacheFile { get; }

    /// <summary>True when the weights were read from <see cref="CacheFile"/> rather than trained now.</summary>
    public bool FromCache { get; }

    /// <summary>
    /// The cache file of a segmenter trained on the corpus in <paramref name="corpusRoot"/>: beside that folder, keyed by its name and the options.
    /// </summary>
    public static string CachePathFor(string corpusRoot, SegmenterOptions o) =>
        Path.Combine(
            Path.GetDirectoryName(corpusRoot)!,
            $"segmenter-v{Version}-{Path.GetFileName(corpusRoot)}-r{o.Resolution}-s{o.Steps}-b{o.BatchSize}-seed{o.Seed}"
                + $"{(o.BlurAugment ? "-blur" : "")}.safetensors"
        );

    /// <summary>
    /// Loads the cached segmenter of the corpus in <paramref name="corpusRoot"/> (<paramref name="classes"/> label
    /// classes) for <paramref name="options"/>, training it on <paramref name="trainBatches"/> (resolution, batch size,
    /// seed → its train split) and caching it first when there is none.
    /// </summary>
    public static ShapesSegmenter LoadOrTrain(
        string corpusRoot,
        int classes,
        Func<int, int, long, ShuffledBatches> trainBatches,
        SegmenterOptions options,
        Action<string>? log = null
    )
    {
        ArgumentException.ThrowIfNullOrEmpty(corpusRoot);
        ArgumentNullException.ThrowIfNull(trainBatches);
        ArgumentNullException.ThrowIfNull(options);
        var path = CachePathFor(corpusRoot, options);
        var (network, fromCache) = CachedNetwork.LoadOrTrain(
            path,
            () => Build(classes),
            untrained =>
            {
                log?.Invoke($"training the Shapes segmenter ({options.Steps} steps at {options.Resolution}², cached as {path})");
                Train(untrained, classes, trainBatches, options);
            }
        );
        return new ShapesSegmenter(network, classes, options, path, fromCache);
    }

    /// <summary>Per-pixel class labels int64 [N, H, W] of photos [N, 3, H, W] in [-1, 1].</summary>
    public Tensor Predict(Tensor photos)
    {
        using var _ = torch.no_grad();
        using var logits = network.call(photos);
        return logits.argmax(1);
    }

    public Tensor Segment(Tensor pixels)
    {
        using var photos = ImageTensor.ToChw(pixels);
        return Predict(photos);
    }

    private static Sequential Build(int classes) =>
        torch.nn.Sequential(
            ("0", torch.nn.Conv2d(3, 32, 3, padding: 1)),
            ("1", torch.nn.ReLU()),
            ("2", torch.nn.Conv2d(32, 32, 3, padding: 2, dilation: 2)),
            ("3", torch.nn.ReLU()),
            ("4", torch.nn.Conv2d(32, 32, 3, padding: 2, dilation: 2)),
            ("5", torch.nn.ReLU()),
            ("6", torch.nn.Conv2d(32, classes, 1))
        );

    private static void Train(Sequential network, int classes, Func<int, int, long, ShuffledBatches> trainBatches, SegmenterOptions options)
    {
        // Its own seed, restored afterwards, so training the segmenter never shifts a translator's run.
        Common.SeededDefaultGenerator.Run(options.Seed, () =>
        {
            using var reseed = torch.NewDisposeScope();
            var fresh = Build(classes);
            network.LoadStateDict(fresh.state_dict());
            fresh.Dispose();
            using var data = trainBatches(options.Resolution, options.BatchSize, options.Seed);
            using var optimizer = torch.optim.Adam(network.parameters(), lr: 2e-3);
            network.train();
            for (var step = 0; step < options.Steps; step++)
            {
                using var scope = torch.NewDisposeScope();
                var batch = data.Next();
                // Cityscapes' ignore pixels (255) teach nothing, as in every Cityscapes segmenter's training.
                var photos = batch[Data.PairedBatches.TargetKey];
                var loss = torch.nn.functional.cross_entropy(
                    network.call(options.BlurAugment ? BlurHalf(photos, options.Resolution) : photos),
                    batch[Data.PairedBatches.LabelsKey],
                    ignore_index: LabelMap.Ignore
                );
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            network.eval();
        });
    }

    /// <summary>
    /// The blur augmentation of a training batch [N, 3, H, W]: each photo blurred with probability ½ by its own σ from
    /// <see cref="SegmenterOptions.BlurSigmas"/> (scaled to <paramref name="resolution"/>); torch's default generator draws both.
    /// </summary>
    public static Tensor BlurHalf(Tensor photos, int resolution)
    {
        var scale = resolution / 64.0;
        var (low, high) = SegmenterOptions.BlurSigmas;
        var images = new Tensor[photos.size(0)];
        for (var i = 0; i < images.Length; i++)
        {
            var draw = torch.rand(2).data<float>().ToArray();
            var photo = photos.narrow(0, i, 1);
            images[i] = draw[0] < 0.5 ? GaussianBlur.Apply(photo, (low + (high - low) * draw[1]) * scale) : photo;
        }
        return torch.cat(images, 0);
    }

    public void Dispose() => network.Dispose();
}
