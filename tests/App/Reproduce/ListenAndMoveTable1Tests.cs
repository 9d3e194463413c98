using System.Text.Json.Nodes;
using Dino.Repro.App.Reproduce;
using Dino.Repro.Evaluation.SoundToVideo;
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

        (code, _, stderr) = CliRunner.Run("reproduce", ListenAndMoveTable1.TableName, "--preset", "paper", "--out", output.Root);
        Assert.Equal(2, code);
        Assert.Contains("smoke, cpu", stderr);
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
    }
}
