using System.Text.Json.Nodes;
using Dino.Repro.App;
using Dino.Repro.App.Cli;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Evaluation.Runs;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

public class RunEvaluationTests
{
    /// <summary>Reports the fitted line's weight and bias and the controller's k: what the restored experiment holds.</summary>
    private sealed class ParameterProbe : ITestEvaluation
    {
        public IReadOnlyList<string> Metrics { get; } = ["weight", "bias", "k"];

        public (IReadOnlyDictionary<string, double?> scores, int examples) Evaluate(IExperiment trained, RunManifest run, Action<string> progress)
        {
            var state = trained.Networks["fit"].state_dict();
            return (
                new Dictionary<string, double?>
                {
                    ["weight"] = state["weight"].ToSingle(),
                    ["bias"] = state["bias"].ToSingle(),
                    ["k"] = trained.Controller["k"],
                },
                64
            );
        }
    }

    private static ExperimentRegistry Registry() =>
        new ExperimentRegistry()
            .Register(BalanceTestExperiment.Definition.WithEvaluation(new ParameterProbe()))
            .Register(Dino.Repro.Models.ToyGan.ToyGanExperiment.Definition);

    [Fact]
    public void Evaluates_the_state_of_the_newest_checkpoint_and_writes_eval_json()
    {
        using var temp = new Fixtures.TempFolder();
        var trainer = new Trainer(Registry(), new TrainerSettings { RunsRoot = temp.Root });
        var run = trainer.Train("balance-test", Preset.Smoke, TrainingFixtures.Set("steps=25", "checkpoint_every=10"));

        var result = RunEvaluation.Evaluate(run.RunDirectory, Registry());

        // The checkpoint file itself says what the weights and k are.
        var saved = SafeTensors.Load(Path.Combine(run.RunDirectory, "checkpoints", "step-000025.safetensors"));
        var weight = (double)saved["networks.fit.weight"].ToSingle();
        var k = saved["controller.k"].ToDouble();
        Assert.Equal(25, result.Step);
        Assert.Equal(weight, result.Scores["weight"]);
        Assert.Equal(k, result.Scores["k"]);
        using (var fresh = BalanceTestExperiment.Definition.Create(BalanceTestExperiment.Definition.Resolve(Preset.Smoke)))
            Assert.NotEqual(weight, (double)fresh.Networks["fit"].state_dict()["weight"].ToSingle()); // so it is the trained state

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(run.RunDirectory, "eval.json")))!;
        Assert.Equal("balance-test", (string?)json["experiment"]);
        Assert.Equal(Path.Combine("checkpoints", "step-000025.safetensors"), (string?)json["checkpoint"]);
        Assert.Equal(25, (long)json["step"]!);
        Assert.Equal(64, (int)json["examples"]!);
        Assert.Equal(new[] { "weight", "bias", "k" }, json["metrics"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(weight, (double)json["metrics"]!["weight"]!);
    }

    [Fact]
    public void A_run_without_a_checkpoint_or_an_experiment_without_evaluation_is_a_usage_error()
    {
        using var temp = new Fixtures.TempFolder();
        var trainer = new Trainer(Registry(), new TrainerSettings { RunsRoot = temp.Root });
        var toy = trainer.Train("toy-gan", Preset.Smoke, TrainingFixtures.Set("steps=2"));
        var e = Assert.Throws<UsageException>(() => RunEvaluation.Evaluate(toy.RunDirectory, Registry()));
        Assert.Contains("'toy-gan' declares no test evaluation (experiments with one: balance-test)", e.Message);

        var fit = trainer.Train("balance-test", Preset.Smoke, TrainingFixtures.Set("steps=2"));
        Directory.Delete(Path.Combine(fit.RunDirectory, "checkpoints"), recursive: true);
        Assert.Contains(
            "has no checkpoint to evaluate yet",
            Assert.Throws<UsageException>(() => RunEvaluation.Evaluate(fit.RunDirectory, Registry())).Message
        );
        Assert.False(File.Exists(Path.Combine(fit.RunDirectory, "eval.json")));
    }

    [Fact]
    public void A_pix2pix_run_is_scored_with_table_1s_metrics_on_the_shapes_test_split()
    {
        using var data = new Support.DataRootScope();
        using var runs = new Fixtures.TempFolder();
        // A few segmenter steps keep the test short; the numbers are not the point, the wiring is.
        var registry = new ExperimentRegistry().Register(
            Dino.Repro.Models.Pix2Pix.Pix2PixExperiment.Definition(o =>
                    Dino.Repro.Data.Corpora.ImageToImageData.Open(o.Corpus, o.Resolution, o.BatchSize, o.Seed, o.ShapesCount)
                )
                .WithEvaluation(new ImageToImageEvaluation(segmenterSteps: 3))
        );
        var run = new Trainer(registry, new TrainerSettings { RunsRoot = runs.Root }).Train(
            "pix2pix",
            Preset.Smoke,
            TrainingFixtures.Set("steps=1", "shapes_count=20")
        );

        var result = RunEvaluation.Evaluate(run.RunDirectory, registry);
        Assert.Equal(2, result.Examples); // ids 9 and 19 of 20 are the test split (id % 10 == 9)
        var metrics = JsonNode.Parse(File.ReadAllText(result.File))!["metrics"]!.AsObject();
        Assert.Equal(new[] { "psnr", "ssim", "cpbd", "fid", "pixel_accuracy", "miou" }, metrics.Select(kv => kv.Key));
        Assert.Null(metrics["fid"]); // no Inception network on this machine
        Assert.InRange((double)metrics["pixel_accuracy"]!, 0, 1);
        Assert.InRange((double)metrics["ssim"]!, -1, 1);
    }

    [Fact]
    public void Dino_evaluate_scores_smoke_runs_of_bidirectional_dino_and_bicyclegan()
    {
        // One data root: both runs train on the same Shapes corpus, so the segmenter that scores them is trained once.
        using var data = new Support.DataRootScope();
        using var runs = new Fixtures.TempFolder();
        foreach (var experiment in new[] { "dino-bidirectional", "bicyclegan" })
        {
            // The registry `dino` itself uses: what is under test is that these experiments declare the evaluation.
            var run = new Trainer(BuiltInExperiments.Registry, new TrainerSettings { RunsRoot = runs.Root }).Train(
                experiment,
                Preset.Smoke,
                TrainingFixtures.Set("steps=1", "shapes_count=20")
            );

            var (code, output, error) = CliRunner.Run("evaluate", run.RunDirectory);

            Assert.True(code == ExitCodes.Ok, $"{experiment}: {error}");
            Assert.Contains($"{experiment} at step 1, 2 test examples", output);
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(run.RunDirectory, RunEvaluation.FileName)))!;
            Assert.Equal(experiment, (string?)json["experiment"]);
            var metrics = json["metrics"]!.AsObject();
            Assert.Equal(new[] { "psnr", "ssim", "cpbd", "fid", "pixel_accuracy", "miou" }, metrics.Select(kv => kv.Key));
            Assert.InRange((double)metrics["psnr"]!, 0, 100);
            Assert.InRange((double)metrics["miou"]!, 0, 1);
        }
    }

    [Fact]
    public void The_cli_prints_the_scores_and_maps_errors_to_exit_codes()
    {
        using var temp = new Fixtures.TempFolder();
        var run = new Trainer(Registry(), new TrainerSettings { RunsRoot = temp.Root }).Train(
            "balance-test",
            Preset.Smoke,
            TrainingFixtures.Set("steps=3")
        );
        var command = EvaluateCommand.Create(Registry());

        var (code, output, error) = CliRunner.Capture(() => command.Parse([run.RunDirectory]).Invoke());
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("balance-test at step 3, 64 test examples", output);
        Assert.Contains("| weight |", output);
        Assert.Contains($"wrote {Path.Combine(run.RunDirectory, "eval.json")}", output);

        (code, _, error) = CliRunner.Capture(() => command.Parse([temp.File("missing")]).Invoke());
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("does not exist", error);

        File.WriteAllText(Path.Combine(run.RunDirectory, "checkpoints", "step-000003.safetensors"), "cut");
        (code, _, error) = CliRunner.Capture(() => command.Parse([run.RunDirectory]).Invoke());
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("step-000003.safetensors", error);
    }
}
