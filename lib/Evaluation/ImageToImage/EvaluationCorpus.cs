using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Loading;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Segmentation;

namespace Dino.Repro.Evaluation.ImageToImage;

/// <summary>
/// The corpus a table's methods trained on, seen from the evaluation side: its test split, and the segmenter that
/// scores the translations — the kit's own, trained on the corpus' real pairs, on an embedded corpus; the paper's
/// pretrained one on a real corpus. Which is which is <see cref="CorpusRegistry"/>'s definition of the corpus.
/// </summary>
public sealed class EvaluationCorpus
{
    private readonly PairedCorpus corpus;

    private EvaluationCorpus(PairedCorpus corpus, SegmenterSpec? pretrained)
    {
        this.corpus = corpus;
        Pretrained = pretrained;
    }

    /// <summary>The corpus option's value ("shapes", "shapes-streets", "cityscapes").</summary>
    public string Name => corpus.Name;

    /// <summary>Its folder; also the cache key of the segmenter trained on it.</summary>
    public string Root => corpus.Root;

    /// <summary>How many pairs it holds in all (train and test).</summary>
    public int Pairs => corpus.Pairs;

    /// <summary>How many of them are in the training split (the paper preset's epochs are counted in these).</summary>
    public int TrainPairs => corpus.TrainPairs;

    /// <summary>Label classes the segmenter predicts (Shapes: 5; Cityscapes train ids: 19).</summary>
    public int Classes => corpus.Classes;

    /// <summary>Each label's name, for the per-class columns.</summary>
    public IReadOnlyList<string> ClassNames =>
        corpus.ClassNames is { } names && names.Count == Classes ? names : Enumerable.Range(0, Classes).Select(c => $"class {c}").ToList();

    /// <summary>The paper's segmenter for a real corpus (a TorchScript file from evaluators.sh); null on an embedded one.</summary>
    public SegmenterSpec? Pretrained { get; }

    /// <summary>True for the corpora the kit makes itself (their numbers compare methods, not papers).</summary>
    public bool Embedded => Pretrained is null;

    /// <summary>Its train split as shuffled batches (resolution, batch size, seed) for the kit's own segmenter; null on a real corpus.</summary>
    public Func<int, int, long, ShuffledBatches>? TrainBatches => Embedded ? corpus.TrainBatches : null;

    /// <summary>Its test split at <paramref name="resolution"/>².</summary>
    public TestSplit LoadTest(int resolution) => TestSplit.Of(corpus.TestPairs(resolution), corpus.Root);

    /// <summary>
    /// The segmenter that scores translations on this corpus: the kit's own, trained once on its real pairs and cached
    /// (<paramref name="options"/>), or the paper's pretrained one; null when that file is missing, and then
    /// <paramref name="unavailable"/> says what the segmentation cells show instead (which script makes it).
    /// </summary>
    public ITranslationSegmenter? OpenSegmenter(SegmenterOptions options, Action<string>? log, out string? unavailable)
    {
        unavailable = null;
        if (Pretrained is null)
            return ShapesSegmenter.LoadOrTrain(Root, Classes, corpus.TrainBatches, options, log);
        return PretrainedSegmenter.TryLoad(Pretrained, out unavailable, device: options.Device.ToTorch());
    }

    /// <summary>
    /// The kit's segmenter trained with blur augmentation (<see cref="SegmenterOptions.BlurAugment"/>), cached like the
    /// plain one; null on a real corpus, whose pretrained segmenter has no such variant.
    /// </summary>
    public ShapesSegmenter? OpenBlurRobustSegmenter(SegmenterOptions options, Action<string>? log) =>
        Pretrained is null ? ShapesSegmenter.LoadOrTrain(Root, Classes, corpus.TrainBatches, options with { BlurAugment = true }, log) : null;

    /// <summary>
    /// The corpus the resolved <paramref name="options"/> train on (made on the spot if embedded), as <see cref="CorpusRegistry"/> defines it.
    /// </summary>
    public static EvaluationCorpus For(ImageToImageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var view = CorpusRegistry.Paired(options.Corpus);
        return new EvaluationCorpus(
            view.Open(options.ShapesCount, options.Resolution),
            view.PretrainedSegmenter is { } segmenter ? Segmenters.Named(segmenter) : null
        );
    }
}
