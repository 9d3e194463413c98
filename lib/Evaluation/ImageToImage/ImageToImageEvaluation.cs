using Dino.Repro.App.Reproduce;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Models;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Segmentation;
using Dino.Repro.Training;

namespace Dino.Repro.Evaluation.ImageToImage;

/// <summary>
/// DINO Table 1's scores of a trained label→photo translator on its corpus' test split, through
/// <see cref="TranslationScorer"/> exactly as <c>dino reproduce dino-table1</c> scores them: PSNR, SSIM, CPBD, FID where
/// the Inception evaluator is present, and pixel accuracy and mIoU of the corpus' segmenter — on an embedded corpus one
/// the kit trains once on its real pairs (cached beside the corpus), on CelebAMask-HQ and Cityscapes the paper's
/// pretrained one (data-scripts/evaluators.sh).
/// </summary>
public sealed class ImageToImageEvaluation : ITestEvaluation
{
    private readonly int? segmenterSteps;

    /// <param name="segmenterSteps">Training steps of the segmenter; default dino-table1's for the run's preset, so both commands share one cached
    /// segmenter.</param>
    public ImageToImageEvaluation(int? segmenterSteps = null)
    {
        if (segmenterSteps is < 1)
            throw new ArgumentOutOfRangeException(nameof(segmenterSteps), segmenterSteps, "the segmenter needs at least one step");
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
        var test = corpus.LoadTest(o.Resolution);
        var steps = segmenterSteps ?? SegmenterOptions.DefaultSteps(run.Preset);
        using var segmenter = corpus.OpenSegmenter(
            new SegmenterOptions(o.Resolution, steps) { Device = o.Device },
            progress,
            out var segmenterMissing
        );
        using var inception = FeatureExtractor.TryLoad(Evaluators.Inception, out var inceptionMissing, device: o.Device.ToTorch());
        foreach (var missing in new[] { segmenterMissing, inceptionMissing }.OfType<string>())
            progress($"not measured: {missing}");
        using var translator = new Translator(trained, o);
        using var scores = TestSetEvaluation.Run(
            test,
            new TranslationScorer(segmenter, inception),
            [(run.Experiment, translator.Translate)],
            log: progress
        );
        return (scores.Rows[1].Values, test.Count);
    }
}
