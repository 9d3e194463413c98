using Dino.Repro.Data;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Models.Common;
using Dino.Repro.Reproduce;
using Dino.Repro.Torch;

namespace Dino.Repro.Training;

/// <summary>
/// DINO Table 1's scores of a trained label→photo translator on the test split of an embedded corpus (Shapes, or Shapes-streets for Table 2): PSNR, SSIM, CPBD, and pixel
/// accuracy and mIoU of the Shapes segmenter (trained on real pairs once, cached beside the corpus), all through
/// <see cref="TranslationScorer"/> exactly as <c>dino reproduce dino-table1</c> scores them. CelebAMask-HQ needs the
/// paper's face parser, which the kit does not have yet.
/// </summary>
public sealed class ImageToImageEvaluation : ITestEvaluation
{
    private readonly int? segmenterSteps;

    /// <param name="segmenterSteps">Training steps of the segmenter; default dino-table1's for the run's preset, so both commands share one cached segmenter.</param>
    public ImageToImageEvaluation(int? segmenterSteps = null)
    {
        if (segmenterSteps is < 1) throw new ArgumentOutOfRangeException(nameof(segmenterSteps), segmenterSteps, "the segmenter needs at least one step");
        this.segmenterSteps = segmenterSteps;
    }

    public static ImageToImageEvaluation Instance { get; } = new();

    public IReadOnlyList<string> Metrics => Table1Metrics.Keys;

    public (IReadOnlyDictionary<string, double?> scores, int examples) Evaluate(IExperiment trained, RunManifest run, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(progress);
        if (run.Options is not ImageToImageOptions o)
            throw new ArgumentException($"image-to-image evaluation takes image-to-image options, not {run.Options.GetType().Name}", nameof(run));
        var corpus = EvaluationCorpus.For(o);
        if (corpus.TrainBatches is null)
            throw new UsageException($"evaluating on {o.Corpus}: {corpus.SegmenterMissing} (evaluation runs on the embedded shapes and {EvaluationCorpus.ShapesStreets})");
        using var test = corpus.LoadTest(o.Resolution);
        var steps = segmenterSteps ?? DinoTable1.DefaultSegmenterSteps(run.Preset);
        using var segmenter = ShapesSegmenter.LoadOrTrain(corpus, new SegmenterOptions(o.Resolution, steps), progress);
        var scorer = new TranslationScorer(test.Photos, test.Labels, segmenter);
        using var scope = torch.NewDisposeScope();
        var device = Device.Parse(o.Device);
        var images = TrainedMethod.Translate(trained, o, test.Conditions.to(device)).to(Device.CPU);
        return (scorer.Score(images), test.Count);
    }
}
