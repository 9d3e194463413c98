using System.Text.Json.Nodes;
using Dino.Repro.App;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Tests.Support;
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
