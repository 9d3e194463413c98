using System.Text.Json.Nodes;
using Dino.Repro.App;
using Dino.Repro.App.Reproduce;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Tests.Support;
using Dino.Repro.Tests.Training;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.App.Reproduce;

/// <summary>A reproduction run again continues its methods' runs: a paper-preset table killed after days loses one checkpoint interval.</summary>
public class ReproduceResumeTests
{
    [Fact]
    public void A_rerun_reuses_finished_runs_and_resumes_a_killed_one_to_the_same_numbers()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        string[] command =
        [
            "reproduce",
            "dino-table4",
            "--preset",
            "smoke",
            "--out",
            output.Root,
            "--set",
            "steps=4",
            "--set",
            "checkpoint_every=2",
            "--set",
            "keep_checkpoints=2",
        ];
        var (code, _, stderr) = CliRunner.Run(command);
        Assert.True(code == 0, stderr);
        var folder = Path.Combine(output.Root, "dino-table4");
        var first = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!["methods"]!.ToJsonString();
        var runs = Directory.GetDirectories(Path.Combine(folder, "runs")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, runs.Count);

        // The second method's run as a kill after its step-2 checkpoint leaves it: no step-4 checkpoint, log up to step 2.
        var killed = runs[1];
        File.Delete(Path.Combine(killed, "checkpoints", "step-000004.safetensors"));
        JsonlLog.KeepUpToStep(Path.Combine(killed, RunFolder.LogFileName), 2);

        (code, var stdout, stderr) = CliRunner.Run(command);
        Assert.True(code == 0, stderr);
        Assert.Equal(runs, Directory.GetDirectories(Path.Combine(folder, "runs")).Order(StringComparer.Ordinal)); // no new run
        foreach (var run in runs)
            Assert.Contains($"continuing {run}", stdout);
        Assert.Contains($"{Path.GetFileName(killed)}: steps 2..4", stdout);
        Assert.True(File.Exists(Path.Combine(killed, "checkpoints", "step-000004.safetensors")));
        // Resumed on the CPU, the run is bit-identical, and so is every number of the table.
        Assert.Equal(first, JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!["methods"]!.ToJsonString());
    }

    [Fact]
    public void A_stop_ends_training_at_a_checkpoint_and_the_next_call_continues_to_the_uninterrupted_numbers()
    {
        using var output = new Fixtures.TempFolder();
        var registry = TrainingFixtures.Registry();
        var overrides = TrainingFixtures.Set("steps=30", "log_every=1", "checkpoint_every=10");
        using var stop = new CancellationTokenSource();
        var stopAt12 = new StopAt(12, stop);
        var runs = Path.Combine(output.Root, "stopped");
        var stopped = Assert.Throws<ReproductionStoppedException>(() =>
            TrainedMethod.Train("toy", "toy-gan", Preset.Smoke, overrides, runs, stopAt12, registry, stop: stop.Token)
        );
        Assert.Equal("toy", stopped.Method);
        Assert.InRange(stopped.Step, 12, 29);
        Assert.Contains($"step {stopped.Step} of 30", stopped.Message);
        Assert.True(File.Exists(Path.Combine(stopped.RunDirectory, "checkpoints", $"step-{stopped.Step:D6}.safetensors")));

        using var resumed = TrainedMethod.Train("toy", "toy-gan", Preset.Smoke, overrides, runs, ProgressSinks.None, registry);
        Assert.Equal(stopped.RunDirectory, resumed.RunDirectory);
        using var uninterrupted = TrainedMethod.Train(
            "toy",
            "toy-gan",
            Preset.Smoke,
            overrides,
            Path.Combine(output.Root, "whole"),
            ProgressSinks.None,
            registry
        );
        var expected = TrainingFixtures.LossesByStep(uninterrupted.RunDirectory);
        TrainingFixtures.AssertSameLosses(expected, TrainingFixtures.LossesByStep(resumed.RunDirectory), expected.Keys);
    }

    /// <summary>Asks for a stop once step <paramref name="step"/> is reported, as a Ctrl+C at that moment would.</summary>
    private sealed class StopAt(long step, CancellationTokenSource stop) : IProgressSink
    {
        public void Begin(string title, long firstStep, long totalSteps) { }

        public void Report(StepReport report)
        {
            if (report.Step >= step)
                stop.Cancel();
        }

        public void Message(string text) { }

        public void End() { }
    }

    [Fact]
    public void Other_options_start_a_new_run_beside_the_old_one()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var root = Path.Combine(output.Root, "runs");
        var registry = BuiltInExperiments.Registry;
        var definition = registry.Get("dino");
        var options = definition.Resolve(Preset.Smoke, [KeyValuePair.Create("steps", "2")]);
        Assert.Null(RunFolder.LatestWithOptions(root, "dino", Preset.Smoke, options, registry));
        var result = new Trainer(registry, new TrainerSettings { RunsRoot = root, Progress = ProgressSinks.None }).Train(
            "dino",
            Preset.Smoke,
            [KeyValuePair.Create("steps", "2")]
        );
        Assert.Equal(result.RunDirectory, RunFolder.LatestWithOptions(root, "dino", Preset.Smoke, options, registry)!.Path);
        Assert.Null(
            RunFolder.LatestWithOptions(root, "dino", Preset.Smoke, definition.Resolve(Preset.Smoke, [KeyValuePair.Create("steps", "3")]), registry)
        );
        Assert.Null(RunFolder.LatestWithOptions(root, "dino", Preset.Cpu, options, registry));
    }
}
