using System.Text.Json.Nodes;
using Dino.Repro.App.Reproduce;
using Dino.Repro.Evaluation.Speech;
using Dino.Repro.IO;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Reproduce;

public class DinoTable3Tests
{
    [Fact]
    public void Smoke_run_trains_the_recogniser_and_every_method_scores_whole_test_utterances_and_a_rerun_reuses_the_runs()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("reproduce", "dino-table3", "--preset", "smoke", "--out", output.Root);
        Assert.True(code == 0, stderr + stdout);

        var folder = Path.Combine(output.Root, "dino-table3");
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!;
        var methods = results["methods"]!.AsObject();
        Assert.Equal([DinoTable3.GroundTruth, .. DinoTable3.Methods.Select(m => m.Method)], methods.Select(m => m.Key));
        // Real speech against itself: PESQ's raw ceiling, STOI 1, MCD 0 — the table's ground-truth row by construction.
        var truth = methods[DinoTable3.GroundTruth]!;
        Assert.Equal(4.5, truth[SpeechReconstructionScores.PesqKey]!.GetValue<double>(), 3);
        Assert.Equal(1.0, truth[SpeechReconstructionScores.StoiKey]!.GetValue<double>(), 6);
        Assert.Equal(0.0, truth[SpeechReconstructionScores.McdKey]!.GetValue<double>(), 6);
        var utterances = results["corpus"]!["test_utterances"]!.GetValue<int>();
        Assert.True(utterances > 0);
        foreach (var (method, _, _) in DinoTable3.Methods)
        {
            Assert.Equal(utterances, methods[method]!["clips"]!.GetValue<int>());
            Assert.InRange(methods[method]![SpeechReconstructionScores.WerKey]!.GetValue<double>(), 0, 2);
        }
        Assert.Equal(0.817, results["paper"]![DinoTable3.WaveGan]![SpeechReconstructionScores.WerKey]!.GetValue<double>());
        Assert.Equal(3, results["verdict"]!.AsArray().Count);
        var html = File.ReadAllText(Path.Combine(folder, "index.html"));
        // Each played utterance: the real speech and every method's.
        Assert.Equal(DinoTable3.ClipsPlayed * (1 + DinoTable3.Methods.Count), html.Split("<audio").Length - 1);
        Assert.Contains("| DINO | 1.21 |", File.ReadAllText(Path.Combine(folder, "table.md")));

        var runs = Directory.GetDirectories(Path.Combine(folder, "runs"));
        Assert.Equal(5, runs.Length); // the recogniser and four methods
        var (again, rerun, rerunError) = CliRunner.Run("reproduce", "dino-table3", "--preset", "smoke", "--out", output.Root);
        Assert.True(again == 0, rerunError);
        Assert.Equal(5, rerun.Split("continuing").Length - 1);
        Assert.Equal(runs, Directory.GetDirectories(Path.Combine(folder, "runs")));
    }

    [Theory]
    [InlineData("speech_encoder=/somewhere", "sets speech_encoder itself")]
    [InlineData("no_such_option=1", "unknown option 'no_such_option'")]
    public void Options_it_cannot_route_are_refused_before_anything_trains(string set, string message)
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run("reproduce", "dino-table3", "--out", output.Root, "--set", set);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.False(Directory.Exists(Path.Combine(output.Root, "dino-table3", "runs")));
    }

    private static DinoTable3Result Measured(params (string method, double stoi, double wer)[] rows) =>
        new(
            "/nowhere",
            Preset.Cpu,
            "spoken-grid",
            10,
            rows.Prepend((DinoTable3.GroundTruth, 1.0, 0.05))
                .ToDictionary(r => r.Item1, r => new SpeechReconstructionScores(1, r.Item2, 30, r.Item3, 10, 0))
        );

    [Fact]
    public void The_ordering_holds_only_when_both_strong_rows_beat_both_weak_ones_on_stoi_and_wer()
    {
        var holds = DinoTable3Verdict.For(
            Measured(
                (DinoTable3.WaveGan, 0.3, 0.8),
                (DinoTable3.CycleGan, 0.35, 0.85),
                (DinoTable3.PerceptualGan, 0.45, 0.4),
                (DinoTable3.Dino, 0.5, 0.3)
            )
        );
        Assert.StartsWith("The paper's ordering holds", holds[0]);
        Assert.StartsWith("DINO is ahead of the Perceptual GAN", holds[1]);
        Assert.Contains("5 %", holds[2]);
        // The Perceptual GAN's WER above CycleGAN's breaks the ordering; DINO behind it on STOI breaks DINO's own claim.
        var fails = DinoTable3Verdict.For(
            Measured(
                (DinoTable3.WaveGan, 0.3, 0.8),
                (DinoTable3.CycleGan, 0.35, 0.6),
                (DinoTable3.PerceptualGan, 0.55, 0.7),
                (DinoTable3.Dino, 0.5, 0.3)
            )
        );
        Assert.StartsWith("The paper's ordering does not hold", fails[0]);
        Assert.StartsWith("DINO is not ahead", fails[1]);
    }
}
