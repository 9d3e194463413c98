using System.Text.Json.Nodes;
using Dino.Repro.App.Reproduce;
using Dino.Repro.Evaluation.SoundToVideo;
using Dino.Repro.IO;
using Dino.Repro.Models.ListenAndMove;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Reproduce;

public class ListenAndMoveTable1Tests
{
    [Fact]
    public void At_smoke_it_trains_every_row_scores_it_and_writes_the_report_with_the_paper_beside_and_a_video()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run("reproduce", ListenAndMoveTable1.TableName, "--preset", "smoke", "--out", output.Root);
        Assert.True(code == 0, stderr);
        var folder = Path.Combine(output.Root, ListenAndMoveTable1.TableName);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!;
        var kit = results["kit"]!.AsObject();
        Assert.Equal(ListenAndMoveTable.Rows.Select(r => $"{r.Name} — Cello"), kit.Select(kv => kv.Key));
        Assert.All(kit, kv => Assert.InRange(kv.Value!["ssim"]!.GetValue<double>(), -1, 1));
        Assert.Equal(24, results["paper"]!.AsObject().Count);
        Assert.Equal(2, results["verdict"]!.AsArray().Count);
        var table = File.ReadAllText(Path.Combine(folder, "table.md"));
        Assert.Contains("| Baseline (MfS) | 0.820 |", table);
        Assert.Contains("<video", File.ReadAllText(Path.Combine(folder, "index.html")));
    }

    [Theory]
    [InlineData(ListenAndMoveTable1.TableName, false)]
    [InlineData(ListenAndMoveTable2.TableName, true)]
    public void At_paper_every_missing_clip_network_and_sound_is_named_before_anything_trains(string table, bool fsd50k)
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var clips = Path.Combine(data.Path, "sound-video", "raw");
        Directory.CreateDirectory(clips);
        File.WriteAllBytes(Path.Combine(clips, "cello.mp4"), [0]); // present (by name): not listed
        var (code, _, stderr) = CliRunner.Run("reproduce", table, "--preset", "paper", "--out", output.Root);
        Assert.Equal(2, code);
        Assert.DoesNotContain("cello.mp4", stderr);
        foreach (var clip in new[] { "quintet", "drums", "talking-head" })
            Assert.Contains(Path.Combine(clips, clip) + ".mp4", stderr);
        foreach (var file in new[] { "vgg16-relu2_2.pt", "lpips-alex.pt", "inception-2015-12-05.pt", "i3d_torchscript.pt" })
            Assert.Contains(Path.Combine(data.Path, "evaluators", file), stderr);
        Assert.Equal(fsd50k, stderr.Contains("data-scripts/fsd50k.sh", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(output.Root, table, "runs")), "nothing trained");

        // --estimate needs the clips and the perceptual network (to build the model), not the evaluators or FSD50K.
        (code, _, stderr) = CliRunner.Run("reproduce", table, "--preset", "paper", "--estimate", "--out", output.Root);
        Assert.Equal(2, code);
        Assert.Contains("vgg16-relu2_2.pt", stderr);
        Assert.DoesNotContain("lpips-alex.pt", stderr);
        Assert.DoesNotContain("fsd50k", stderr);
    }

    [Fact]
    public void At_paper_each_row_trains_on_the_clip_with_the_reference_crops_and_the_vgg_perceptual_term()
    {
        using var data = new DataRootScope();
        var request = new ReproduceRequest(Preset.Paper, data.Path, [new("steps", "7")]);
        var drums = ListenAndMoveTable1.Columns(Preset.Paper)[2];
        Assert.Equal(("Drums", "drums"), drums);
        var overrides = ListenAndMoveTable1.Overrides(ListenAndMoveTable.Rows[0], drums.Source, request).ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal("30,0,750,720", overrides["crop"]); // train.sh
        Assert.Equal("170,0,890,720", overrides["eval_crop"]); // eval_models.sh
        Assert.Equal(Path.Combine(data.Path, "evaluators", "vgg16-relu2_2.pt"), overrides["perceptual_net"]);
        Assert.Equal("7", overrides["steps"]); // the user's --set comes last
        var options = (ListenAndMoveOptions)
            Dino.Repro.App.BuiltInExperiments.Registry.Get(ListenAndMoveExperiment.Name).Resolve(Preset.Paper, overrides);
        Assert.Equal(new Dino.Repro.Data.SoundVideo.CropBox(30, 0, 750, 720), options.TrainingRead.Crop);
        Assert.Equal(new Dino.Repro.Data.SoundVideo.CropBox(170, 0, 890, 720), options.EvaluationRead.Crop);
        Assert.Equal(128, options.ImageSize);
    }

    private static SoundToVideoScores Scores(double lpips, double fvd, double sync)
    {
        var one = new MeanSd(0.5, 0, 1);
        return new SoundToVideoScores(one, new MeanSd(lpips, 0, 1), new MeanSd(fvd, 0, 1), one, new MeanSd(sync, 0, 1), 0.01, 1);
    }

    [Fact]
    public void The_verdict_names_the_features_that_do_not_beat_mfs_and_the_video_prediction_ordering()
    {
        // MfS, R+D-RNN, SaC, acIN, ConvGRU, DirConvGRU: SaC is worse than MfS on sync error; DirConvGRU's FVD is the lower.
        double[][] values =
        [
            [0.5, 100, 0.3],
            [0.4, 90, 0.2],
            [0.4, 90, 0.35],
            [0.3, 80, 0.1],
            [0.3, 70, 0.1],
            [0.3, 60, 0.1],
        ];
        var cells = ListenAndMoveTable
            .Rows.Select((r, i) => new ListenAndMoveCell(r.Name, "Cello", Scores(values[i][0], values[i][1], values[i][2]), ""))
            .ToList();
        var verdicts = ListenAndMoveTable1Report.Verdicts(cells);
        Assert.Contains("Baseline + R+D-RNN, acIN lowers both LPIPS and the sync error against MfS; SaC does not", verdicts[0]);
        Assert.Contains("at most ConvGRU's", verdicts[1]);
        values[5][1] = 75;
        cells = ListenAndMoveTable
            .Rows.Select((r, i) => new ListenAndMoveCell(r.Name, "Cello", Scores(values[i][0], values[i][1], values[i][2]), ""))
            .ToList();
        Assert.Contains("not reproduced", ListenAndMoveTable1Report.Verdicts(cells)[1]);

        // A real clip has no sync error: the claim is read on LPIPS alone (SaC's worse sync no longer counts).
        cells = ListenAndMoveTable
            .Rows.Select((r, i) => new ListenAndMoveCell(r.Name, "Cello", Scores(values[i][0], values[i][1], double.NaN), ""))
            .ToList();
        Assert.Contains("every feature (R+D-RNN, SaC, acIN) lowers LPIPS against MfS", ListenAndMoveTable1Report.Verdicts(cells)[0]);
    }
}
