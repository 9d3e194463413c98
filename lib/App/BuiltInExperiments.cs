using Dino.Repro.Data;
using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Loading;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Models;
using Dino.Repro.Models.AcGan;
using Dino.Repro.Models.BicycleGan;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Dino;
using Dino.Repro.Models.Pix2Pix;
using Dino.Repro.Models.ToyGan;

namespace Dino.Repro.App;

/// <summary>The experiments the kit ships; a new one is one line here plus its folder.</summary>
public static class BuiltInExperiments
{
    /// <summary>The kit's experiments, each with its test evaluation where it declares one.</summary>
    public static ExperimentRegistry Registry { get; } = Register(new ExperimentRegistry());

    private static ExperimentRegistry Register(ExperimentRegistry registry) =>
        registry
            .Register(ToyGanExperiment.Definition)
            .Register(DinoExperiment.Definition(TrainingData).WithEvaluation(ImageToImageEvaluation.Instance))
            .Register(BidirectionalDinoExperiment.Definition(TrainingData).WithEvaluation(ImageToImageEvaluation.Instance))
            .Register(Pix2PixExperiment.Definition(TrainingData).WithEvaluation(ImageToImageEvaluation.Instance))
            .Register(BicycleGanExperiment.Definition(TrainingData).WithEvaluation(ImageToImageEvaluation.Instance))
            .Register(Models.GridRecogniser.GridRecogniserExperiment.Definition)
            .Register(AcGanExperiment.Definition(FaceBatches))
            .Register(AcGanEncoderExperiment.Definition(o => AcGanGeneratorRun.Load(o.GeneratorRun, Registry), FaceBatches, HeldOutFaces));

    // The AC-GAN's class-balanced faces of the corpus its options name, at its resolution.
    internal static IBatchSource FaceBatches(AcGanOptions o) =>
        CorpusRegistry
            .Faces(o.Corpus)(o.FacesCount, o.Resolution)
            .BalancedBatches(CelebAGenderSplit.Train, o.Resolution, o.BatchSize, o.Seed, new BadSamples(BadSamplePolicies.Parse(o.BadSamples)));

    // A fixed, seeded draw of test faces (half of each class) that the encoders' reconstruction errors are measured on.
    private static Batch HeldOutFaces(AcGanOptions o)
    {
        var corpus = CorpusRegistry.Faces(o.Corpus)(o.FacesCount, o.Resolution);
        var count = corpus.Images(CelebAGenderSplit.Test).GroupBy(i => i.ClassId).Sum(g => Math.Min(g.Count(), HeldOutCount / 2));
        using var test = corpus.Batches(CelebAGenderSplit.Test, o.Resolution, count, o.Seed + 1, perClassLimit: HeldOutCount / 2);
        return test.Next();
    }

    private const int HeldOutCount = 64;

    // The image-to-image experiments all train on the same pairs: the corpus their options name, decoded once (cached).
    private static IBatchSource TrainingData(ImageToImageOptions o) =>
        ImageToImageData.Open(o.Corpus, o.Resolution, o.BatchSize, o.Seed, o.ShapesCount, new BadSamples(BadSamplePolicies.Parse(o.BadSamples)));
}
