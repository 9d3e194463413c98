using System.Text.Json.Nodes;
using Dino.Repro.App.Reproduce;
using Dino.Repro.Data;
using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Data.Synthetic.TwoDomainFaces;
using Dino.Repro.Evaluation.FaceTranslation;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Evaluation.Metrics.Face;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.App.Reproduce;

/// <summary>
/// The paper preset's pipeline end to end at a toy size: the real CelebAMask-HQ reader on a corpus in its on-disk layout
/// where data-scripts/celebamask-hq.sh puts it, the face parser and Inception as TorchScript files where
/// data-scripts/evaluators.sh puts them (tiny stand-ins with the real interfaces), on the CPU.
/// </summary>
public class PaperPresetTests
{
    [Fact]
    public void Table1_at_the_paper_preset_reads_celebamask_hq_and_scores_with_the_face_parser_and_inception()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var raw = CorpusPaths.ExpectedPath("celebamask-hq");
        ShapesCorpus.Write(raw, new ShapesOptions(40, 64, 3));
        var evaluators = Directory.CreateDirectory(Path.Combine(data.Path, "evaluators")).FullName;
        File.Copy(Fixtures.Path("tiny_face_parser.pt"), Path.Combine(evaluators, "face-parsing.pt"));
        File.Copy(Fixtures.Path("tiny_any_size_inception.pt"), Path.Combine(evaluators, "inception-2015-12-05.pt"));

        var (code, stdout, stderr) = ReproduceSmallAtPaper("dino-table1", output.Root, steps: 2);
        Assert.True(code == 0, stderr + stdout);

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output.Root, "dino-table1", "results.json")))!;
        Assert.Equal("celebamask-hq", results["corpus"]!["name"]!.GetValue<string>());
        Assert.Equal(4, results["corpus"]!["test_pairs"]!.GetValue<int>()); // ids 9, 19, 29, 39
        Assert.Equal(Path.Combine(evaluators, "inception-2015-12-05.pt"), results["fid"]!["evaluator"]!.GetValue<string>());
        Assert.Contains("face parsing", results["segmenter"]!["description"]!.GetValue<string>());

        var methods = results["methods"]!.AsObject();
        Assert.Null(methods[PaperTable1.GroundTruth]![Table1Metrics.Fid]);
        foreach (var (method, values) in methods.Where(m => m.Key != PaperTable1.GroundTruth))
            Assert.True(values![Table1Metrics.Fid]!.GetValue<double>() >= 0, method);

        // The ground truth's pixel accuracy is the face parser's on the real test photos, computed here image by image.
        var corpus = new CelebAMaskHqCorpus(raw);
        using var parser = Segmenter.Load(Segmenters.FaceParsing, evaluators);
        var parts = corpus
            .Ids(CelebASplit.Test)
            .Select(id =>
            {
                using var example = corpus.Load(id, 32);
                using var predicted = parser.Predict(ImageTensor.ToHwc(example.Photo));
                return SegmentationScores.FromLabels(example.Labels, predicted, 19);
            })
            .ToList();
        Assert.Equal(
            SegmentationScores.Sum(parts).PixelAccuracy,
            methods[PaperTable1.GroundTruth]![Table1Metrics.PixelAccuracy]!.GetValue<double>(),
            12
        );
        Assert.DoesNotContain("embedded", results["notes"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Table2_at_the_paper_preset_reads_cityscapes_and_scores_with_the_deeplab_segmenter()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var raw = CorpusPaths.ExpectedPath("cityscapes");
        var corpus = ShapesStreetsCorpus.Write(raw, new ShapesOptions(20, 64, 3));
        var evaluators = Directory.CreateDirectory(Path.Combine(data.Path, "evaluators")).FullName;
        File.Copy(Fixtures.Path("tiny_face_parser.pt"), Path.Combine(evaluators, "deeplabv3plus-cityscapes.pt")); // any 19-class scorer

        var (code, stdout, stderr) = ReproduceSmallAtPaper("dino-table2", output.Root, steps: 1);
        Assert.True(code == 0, stderr + stdout);

        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output.Root, "dino-table2", "results.json")))!;
        Assert.Equal("cityscapes", results["corpus"]!["name"]!.GetValue<string>());
        Assert.Contains("DeepLabv3+", results["segmenter"]!["description"]!.GetValue<string>());
        // pix2pix's protocol: the val split is the test split; the ground truth's scores are the segmenter's on its photos.
        using var deeplab = Segmenter.Load(Segmenters.CityscapesDeepLabV3Plus, evaluators);
        var frames = corpus.Frames("val");
        Assert.Equal(frames.Count, results["corpus"]!["test_pairs"]!.GetValue<int>());
        var parts = frames
            .Select(frame =>
            {
                using var example = corpus.Load(frame, 32, 32);
                using var predicted = deeplab.Predict(ImageTensor.ToHwc(example.Photo));
                return SegmentationScores.FromLabels(example.Labels, predicted, 19);
            })
            .ToList();
        var truth = results["methods"]![PaperTable1.GroundTruth]!;
        Assert.Equal(SegmentationScores.Sum(parts).PixelAccuracy, truth[Table1Metrics.PixelAccuracy]!.GetValue<double>(), 12);
        Assert.Equal(SegmentationScores.Sum(parts).MeanIou, truth[Table1Metrics.MeanIou]!.GetValue<double>(), 12);
    }

    [Fact]
    public void Without_the_evaluators_the_paper_preset_still_reports_and_says_what_to_fetch()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        ShapesCorpus.Write(CorpusPaths.ExpectedPath("celebamask-hq"), new ShapesOptions(20, 64, 3));

        var (code, stdout, stderr) = ReproduceSmallAtPaper("dino-table4", output.Root, steps: 1);
        Assert.True(code == 0, stderr + stdout);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output.Root, "dino-table4", "results.json")))!;
        Assert.Contains("the Inception evaluator is missing", results["fid"]!.GetValue<string>());
        Assert.Contains("face parsing", results["segmenter"]!.GetValue<string>());
        Assert.Contains("CONVERSION.md", results["segmenter"]!.GetValue<string>());
    }

    [Fact]
    public void The_paper_preset_without_the_corpus_stops_with_the_script_to_run()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run("reproduce", "dino-table1", "--preset", "paper", "--out", output.Root, "--set", "device=cpu");
        Assert.NotEqual(0, code);
        Assert.Contains("data-scripts/celebamask-hq.sh", stderr);
    }

    [Fact]
    public void Acgan_translation_at_the_paper_preset_reads_celeba_and_scores_pose_with_hopenet_and_fid_with_inception()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        // Faces in CelebA's layout where data-scripts/celeba.sh puts them; read as a real corpus, their factors file is ignored.
        var corpus = TwoDomainFacesCorpus.Write(CorpusPaths.ExpectedPath("celeba"), new TwoDomainFacesOptions(Count: 40, Width: 36, Seed: 5));
        var evaluators = Directory.CreateDirectory(Path.Combine(data.Path, "evaluators")).FullName;
        File.Copy(Fixtures.Path("tiny_hopenet.pt"), Path.Combine(evaluators, "hopenet.pt"));
        File.Copy(Fixtures.Path("tiny_any_size_inception.pt"), Path.Combine(evaluators, "inception-2015-12-05.pt"));

        var (code, stdout, stderr) = CliRunner.Run(
            "reproduce",
            "acgan-translation",
            "--preset",
            "paper",
            "--out",
            output.Root,
            "--set",
            "device=cpu",
            "--set",
            "resolution=32",
            "--set",
            "width=8",
            "--set",
            "steps=2",
            "--set",
            "batch_size=4",
            "--set",
            "log_every=1",
            "--set",
            "evaluate_every=1"
        );
        Assert.True(code == 0, stderr + stdout);

        var folder = Path.Combine(output.Root, "acgan-translation");
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!;
        Assert.Equal("celeba", results["corpus"]!["name"]!.GetValue<string>());
        Assert.Contains("domain labels", results["judge"]!.GetValue<string>());
        Assert.Contains(Path.Combine(evaluators, "hopenet.pt"), results["truth"]!.GetValue<string>());
        Assert.Equal(Path.Combine(evaluators, "inception-2015-12-05.pt"), results["inception"]!.GetValue<string>());
        var methods = results["methods"]!.AsObject();
        // No real pairs on a real corpus: the input unchanged, keeping nothing, and the two encoders.
        Assert.Equal(
            [
                AcGanTranslationTable.Unchanged,
                AcGanTranslationTable.NothingKept,
                AcGanTranslationTable.LatentEncoder,
                AcGanTranslationTable.PixelEncoder,
            ],
            methods.Select(m => m.Key)
        );
        double? Cell(string method, string key) => methods[method]![key]?.GetValue<double>();
        // Hopenet's reading of the input is the truth, so the unchanged input keeps its pose exactly.
        Assert.Equal(0, Cell(AcGanTranslationTable.Unchanged, FaceTranslationMetrics.YawError));
        Assert.Equal(0, Cell(AcGanTranslationTable.Unchanged, FaceTranslationMetrics.RollError));
        foreach (var method in methods.Select(m => m.Key))
        {
            Assert.Null(Cell(method, FaceTranslationMetrics.MouthError));
            Assert.Null(Cell(method, FaceTranslationMetrics.GazeError));
        }
        Assert.True(Cell(AcGanTranslationTable.LatentEncoder, FaceTranslationMetrics.FidInception) >= 0);
        Assert.True(Cell(AcGanTranslationTable.PixelEncoder, FaceTranslationMetrics.YawError) >= 0);

        // Keeping nothing: each angle guessed as its median over the test faces' Hopenet readings, computed here in doubles.
        using var test = GenderFaces.Load(new CelebAGenderCorpus(corpus.Root), CelebAGenderSplit.Test, 32);
        using var hopenet = HeadPoseEstimator.Load(evaluators);
        using var poses = hopenet.Read(test.Images);
        foreach (var (column, key) in new[] { (0L, FaceTranslationMetrics.YawError), (2L, FaceTranslationMetrics.RollError) })
        {
            var angles = poses.select(1, column).data<float>().Select(a => (double)a).ToArray();
            var median = angles.Order().ElementAt((angles.Length - 1) / 2);
            Assert.Equal(angles.Average(a => Math.Abs(a - median)), Cell(AcGanTranslationTable.NothingKept, key)!.Value, 5);
        }
        Assert.DoesNotContain("real pair", File.ReadAllText(Path.Combine(folder, "index.html")));
    }

    // The table at the paper preset on the CPU, shrunk to seconds: 32² images, batches of 2, a step or two per method.
    private static (int exitCode, string stdout, string stderr) ReproduceSmallAtPaper(string table, string outputRoot, int steps) =>
        CliRunner.Run(
            "reproduce",
            table,
            "--preset",
            "paper",
            "--out",
            outputRoot,
            "--set",
            "device=cpu",
            "--set",
            "resolution=32",
            "--set",
            $"steps={steps}",
            "--set",
            "batch_size=2"
        );
}
