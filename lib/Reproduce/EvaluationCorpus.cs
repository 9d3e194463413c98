using Dino.Repro.Data;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Models.Common;
using Dino.Repro.Training;
using Dino.Repro.Vision;

namespace Dino.Repro.Reproduce;

/// <summary>
/// The corpus a table's methods trained on, seen from the evaluation side: its test split, and what the segmenter
/// scoring the translations trains on. One per <see cref="ImageToImageOptions.Corpus"/> value the tables use.
/// </summary>
/// <param name="Name">The corpus option's value ("shapes", "shapes-streets", "cityscapes").</param>
/// <param name="Root">Its folder; also the cache key of the segmenter trained on it.</param>
/// <param name="Pairs">How many pairs it holds in all (train and test).</param>
/// <param name="Classes">Label classes the segmenter predicts (Shapes: 5; Cityscapes train ids: 19).</param>
/// <param name="LoadTest">Its test split at a resolution.</param>
/// <param name="TrainBatches">Its train split as shuffled batches (resolution, batch size, seed); null = no segmenter can be trained.</param>
/// <param name="SegmenterMissing">Why segmentation scores are n/a when <paramref name="TrainBatches"/> is null.</param>
public sealed record EvaluationCorpus(string Name, string Root, int Pairs, int Classes, Func<int, TestSplit> LoadTest,
    Func<int, int, long, ShuffledBatches>? TrainBatches, string? SegmenterMissing = null)
{
    public const string ShapesStreets = ShapesStreetsCorpus.Name;
    public const string Cityscapes = "cityscapes";

    /// <summary>What the segmentation cells say on real Cityscapes, where the paper used a pretrained DeepLabv3+.</summary>
    public const string DeepLabUnavailable = "n/a — needs a Cityscapes DeepLabv3+ TorchScript segmenter (not in the kit yet)";

    /// <summary>The corpus the resolved <paramref name="options"/> train on (made on the spot if embedded).</summary>
    public static EvaluationCorpus For(ImageToImageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Corpus)
        {
            case ShapesCorpus.Name:
            {
                var corpus = ImageToImageData.Shapes(options.ShapesCount, options.Resolution);
                return new EvaluationCorpus(ShapesCorpus.Name, corpus.Root, options.ShapesCount, ShapesClasses.All.Count,
                    resolution => TestSplit.Load(corpus, resolution),
                    (resolution, batch, seed) => corpus.Batches(CelebASplit.Train, resolution, batch, seed));
            }
            case ShapesStreets:
            {
                var corpus = ImageToImageData.ShapesStreets(options.ShapesCount, options.Resolution);
                return OfCityscapes(ShapesStreets, corpus, options.ShapesCount, trainSegmenter: true);
            }
            case Cityscapes:
            {
                var corpus = ImageToImageData.RealCityscapes();
                return OfCityscapes(Cityscapes, corpus, corpus.Frames(TrainSplit).Count + corpus.Frames(TestSplitName).Count, trainSegmenter: false);
            }
            default:
                throw new UsageException($"no evaluation for corpus '{options.Corpus}' (tables evaluate on: shapes, {ShapesStreets}, {Cityscapes})");
        }
    }

    // pix2pix's protocol: train on Cityscapes train, test on Cityscapes val.
    private const string TrainSplit = "train";
    private const string TestSplitName = "val";

    private static EvaluationCorpus OfCityscapes(string name, CityscapesCorpus corpus, int pairs, bool trainSegmenter) =>
        new(name, corpus.Root, pairs, Palette.Cityscapes.Count,
            resolution => TestSplit.Load(corpus, TestSplitName, resolution),
            trainSegmenter ? (resolution, batch, seed) => corpus.Batches(TrainSplit, resolution, resolution, batch, seed) : null,
            trainSegmenter ? null : DeepLabUnavailable);
}
