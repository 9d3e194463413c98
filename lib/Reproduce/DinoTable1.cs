using Dino.Repro.Data;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Dino;
using Dino.Repro.Models.Pix2Pix;
using Dino.Repro.Reporting;
using Dino.Repro.Torch;
using Dino.Repro.Training;
using Dino.Repro.Vision;

namespace Dino.Repro.Reproduce;

/// <summary>
/// DINO's Table 1 on the embedded Shapes corpus: pix2pix and one-way DINO trained at the same preset, both scored on
/// the Shapes test split beside the real photos (the "Ground Truth" row), with the paper's CelebAMask-HQ numbers
/// alongside. At these sizes only the comparison between methods means anything; the absolute values do not
/// compare with the paper's.
/// </summary>
public sealed class DinoTable1 : IReproducibleTable
{
    public const string TableName = "dino-table1";

    public string Name => TableName;
    public string Description => "DINO (ICLR 2021) Table 1: pix2pix vs DINO, PSNR/SSIM/CPBD/FID/pixel accuracy/mIoU, on the embedded Shapes corpus";
    public IReadOnlyList<string> Presets { get; } = ["smoke", "cpu"];

    /// <summary>Segmenter steps per preset, measured to give > 0.9 pixel accuracy on real Shapes test photos.</summary>
    public static int DefaultSegmenterSteps(string preset) => preset == "smoke" ? 150 : 600;

    public Reproduction Run(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        if (!Presets.Contains(request.Preset))
            throw new UsageException($"unknown preset '{request.Preset}' for {Name} (valid: {string.Join(", ", Presets)}; the paper preset needs CelebAMask-HQ's face parser, not in the kit yet)");
        var overrides = request.Overrides ?? [];
        var registry = ExperimentRegistry.Default;
        var dinoOptions = (ImageToImageOptions)registry.Get(DinoExperiment.Name).Resolve(request.Preset, overrides);
        var pix2pixOptions = (ImageToImageOptions)registry.Get(Pix2PixExperiment.Name).Resolve(request.Preset, overrides);
        if (dinoOptions.Resolution != pix2pixOptions.Resolution || dinoOptions.ShapesCount != pix2pixOptions.ShapesCount)
            throw new UsageException($"DINO and pix2pix must see the same data: resolution {dinoOptions.Resolution} vs {pix2pixOptions.Resolution}, shapes_count {dinoOptions.ShapesCount} vs {pix2pixOptions.ShapesCount}");
        var resolution = dinoOptions.Resolution;
        var folder = Path.GetFullPath(Path.Combine(request.OutputRoot, Name));
        Directory.CreateDirectory(folder);
        var runs = Path.Combine(folder, "runs");

        progress.Message($"{Name}: preset {request.Preset}, Shapes corpus of {dinoOptions.ShapesCount} pairs at {resolution}², report in {folder}");
        var corpus = ImageToImageData.Shapes(dinoOptions.ShapesCount, resolution);
        using var test = TestSplit.Load(corpus, resolution);
        var segmenterOptions = new SegmenterOptions(resolution, request.SegmenterSteps ?? DefaultSegmenterSteps(request.Preset));
        using var segmenter = ShapesSegmenter.LoadOrTrain(corpus, segmenterOptions, progress.Message);
        var scorer = new TranslationScorer(test.Photos, test.Labels, segmenter);

        var rows = new List<MethodScores> { new(PaperTable1.GroundTruth, scorer.Score(test.Photos, isGroundTruth: true)) };
        progress.Message($"segmenter on real test photos: pixel accuracy {rows[0].Values[Table1Metrics.PixelAccuracy]:0.000}, mIoU {rows[0].Values[Table1Metrics.MeanIou]:0.000}");
        var translations = new List<(string method, Tensor images)>();
        var trained = new List<TrainedMethod>();
        try
        {
            foreach (var (method, experiment) in new[] { (PaperTable1.Pix2Pix, Pix2PixExperiment.Name), (PaperTable1.Dino, DinoExperiment.Name) })
            {
                progress.Message($"training {method} ({experiment}, preset {request.Preset})");
                var run = TrainedMethod.Train(method, experiment, request.Preset, overrides, runs, progress);
                trained.Add(run);
                var images = run.Translate(test.Conditions).DetachFromDisposeScope();
                translations.Add((method, images));
                rows.Add(new MethodScores(method, scorer.Score(images)));
                progress.Message($"{method}: " + string.Join("  ", rows[^1].Values.Where(kv => kv.Value is not null).Select(kv => $"{kv.Key} {kv.Value:0.###}")));
            }

            var table = new PaperVsKitTable(
                $"DINO Table 1 — paper: CelebAMask-HQ 256²; kit: embedded Shapes corpus ({test.Count} test pairs at {resolution}², preset {request.Preset}). " +
                "Only the comparison between the kit's rows is meaningful.", "Method", Table1Metrics.Headers.ToArray());
            foreach (var row in rows) table.Add(row.Method, PaperTable1.Rows[row.Method], row.AsTableRow());
            var grid = SampleGridPng(test, translations);
            var curves = Curves(trained.Single(t => t.Method == PaperTable1.Dino));
            var reproduction = new Reproduction(folder, table, Table1Report.Displayed(table), rows, grid, curves);
            Table1Report.Write(reproduction, new Table1Report.Context(request.Preset, resolution, dinoOptions.ShapesCount, test.Count,
                segmenter, segmenterOptions, scorer.CpbdUpscaled, trained.Select(t => (t.Method, t.RunDirectory)).ToList()));
            progress.Message($"{Name}: wrote {reproduction.IndexHtml}");
            return reproduction;
        }
        finally
        {
            foreach (var (_, images) in translations) images.Dispose();
            foreach (var t in trained) t.Dispose();
        }
    }

    /// <summary>condition | ground truth | each method, for the first four test pairs.</summary>
    private static Media SampleGridPng(TestSplit test, IReadOnlyList<(string method, Tensor images)> translations)
    {
        using var scope = torch.NewDisposeScope();
        var n = Math.Min(4, test.Count);
        var columns = new List<Tensor> { test.Conditions.narrow(0, 0, n), test.Photos.narrow(0, 0, n) };
        columns.AddRange(translations.Select(t => t.images.narrow(0, 0, n)));
        var tiles = torch.stack(columns.ToArray(), 1).flatten(0, 1);
        var grid = SampleGrids.Tile(tiles, columns.Count);
        return Media.Png(ImageIO.Encode(ImageTensor.ToHwc(grid), ImageFormat.Png));
    }

    /// <summary>The paper's Figure 2: the Reverse network's energies on real and translated targets, and the balance k.</summary>
    private static LinePlot Curves(TrainedMethod dino)
    {
        var steps = dino.History.Select(r => (double)r.Step).ToArray();
        return new LinePlot("DINO training: E_real, E_fake and k (the paper's Figure 2)", "step", "energy / k")
            .Add("E_real", steps, dino.Series("E_real"))
            .Add("E_fake", steps, dino.Series("E_fake"))
            .Add("k", steps, dino.Series(DinoExperiment.BalanceKey));
    }
}
