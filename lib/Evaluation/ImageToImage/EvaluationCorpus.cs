using Dino.Repro.Data;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Models.Common;
using Dino.Repro.Training;
using Dino.Repro.Vision;
using Dino.Repro.Data.Loading;
using Dino.Repro.Models.Segmentation;
using Dino.Repro.IO;
using Dino.Repro.Data.Corpora;

namespace Dino.Repro.Evaluation.ImageToImage;

/// <summary>
/// The corpus a table's methods trained on, seen from the evaluation side: its test split, and what the segmenter
/// scoring the translations trains on. One per <see cref="ImageToImageOptions.Corpus"/> value the tables use.
/// </summary>
/// <param name="Name">The corpus option's value ("shapes", "shapes-streets", "cityscapes").</param>
/// <param name="Root">Its folder; also the cache key of the segmenter trained on it.</param>
/// <param name="Pairs">How many pairs it holds in all (train and test).</param>
/// <param name="TrainPairs">How many of them are in the training split (the paper preset's epochs are counted in these).</param>
/// <param name="Classes">Label classes the segmenter predicts (Shapes: 5; Cityscapes train ids: 19).</param>
/// <param name="LoadTest">Its test split at a resolution.</param>
/// <param name="TrainBatches">Its train split as shuffled batches (resolution, batch size, seed) for the kit's own segmenter; null on a real corpus.</param>
/// <param name="Pretrained">The paper's segmenter for a real corpus (a TorchScript file from evaluators.sh); null on an embedded one.</param>
public sealed record EvaluationCorpus(string Name, string Root, int Pairs, int TrainPairs, int Classes, Func<int, TestSplit> LoadTest,
    Func<int, int, long, ShuffledBatches>? TrainBatches, SegmenterSpec? Pretrained = null)
{
    /// <summary>True for the corpora the kit makes itself (their numbers compare methods, not papers).</summary>
    public bool Embedded => TrainBatches is not null;

    /// <summary>
    /// The segmenter that scores translations on this corpus: the kit's own, trained once on its real pairs and cached
    /// (<paramref name="options"/>), or the paper's pretrained one; null when that file is missing, and then
    /// <paramref name="unavailable"/> says what the segmentation cells show instead (which script makes it).
    /// </summary>
    public ITranslationSegmenter? OpenSegmenter(SegmenterOptions options, Action<string>? log, out string? unavailable)
    {
        unavailable = null;
        if (TrainBatches is not null) return ShapesSegmenter.LoadOrTrain(Root, Classes, TrainBatches, options, log);
        return PretrainedSegmenter.TryLoad(Pretrained ?? throw new InvalidOperationException($"{Name}: neither train pairs nor a pretrained segmenter"), out unavailable,
            device: Devices.Parse(options.Device));
    }

    /// <summary>The corpus the resolved <paramref name="options"/> train on (made on the spot if embedded), as <see cref="CorpusRegistry"/> defines it.</summary>
    public static EvaluationCorpus For(ImageToImageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var corpus = CorpusRegistry.Paired(options.Corpus).Open(options.ShapesCount, options.Resolution);
        return new EvaluationCorpus(corpus.Name, corpus.Root, corpus.Pairs, corpus.TrainPairs, corpus.Classes,
            resolution => TestSplit.Of(corpus.TestPairs(resolution), corpus.Root), corpus.Embedded ? corpus.TrainBatches : null,
            corpus.PretrainedSegmenter is { } segmenter ? Segmenters.Named(segmenter) : null);
    }
}
