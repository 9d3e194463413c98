using System.Text.Json.Nodes;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.ToyGan;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

public class OptionSetTests
{
    [Fact]
    public void Defaults_are_the_documented_values()
    {
        var o = new ToyGanOptions();
        Assert.Equal((1000, 64, 1L, ComputeDevice.Cpu), (o.Steps, o.BatchSize, o.Seed, o.Device));
        Assert.Equal((10, 500, 0, 500, 3), (o.LogEvery, o.SampleEvery, o.EvaluateEvery, o.CheckpointEvery, o.KeepCheckpoints));
        Assert.Equal((32, 32, 4096), (o.Latent, o.Width, o.DatasetSize));
        Assert.Equal((2e-4, 0.5, 0.999, 0.5, 0.05, 64), (o.LearningRate, o.Beta1, o.Beta2, o.ConstantLrFraction, o.InstanceNoise, o.SampleCount));
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Keys_are_snake_case_shared_options_first()
    {
        var keys = OptionSet.Keys(typeof(ToyGanOptions));
        Assert.Equal(
            new[] { "steps", "batch_size", "seed", "device", "log_every", "sample_every", "evaluate_every", "checkpoint_every", "keep_checkpoints" },
            keys.Take(9)
        );
        Assert.Contains("constant_lr_fraction", keys);
    }

    [Fact]
    public void Presets_override_the_defaults_and_leave_the_rest()
    {
        var smoke = (ToyGanOptions)ToyGanExperiment.Definition.Resolve(Preset.Smoke);
        Assert.Equal((60, 16, 8), (smoke.Steps, smoke.BatchSize, smoke.Width));
        Assert.Equal(new ToyGanOptions().LearningRate, smoke.LearningRate);
        var paper = (ToyGanOptions)ToyGanExperiment.Definition.Resolve(Preset.Paper);
        Assert.Equal((128, 64, ComputeDevice.Cuda), (paper.BatchSize, paper.Width, paper.Device));
    }

    [Fact]
    public void Overrides_apply_after_the_preset_with_typed_values()
    {
        var o = (ToyGanOptions)
            ToyGanExperiment.Definition.Resolve(
                Preset.Smoke,
                TrainingFixtures.Set("steps=7", "learning_rate=1e-3", "device=cuda:1", "Seed=42", "batch_size = 4")
            );
        Assert.Equal((7, 1e-3, ComputeDevice.CudaAt(1), 42L, 4), (o.Steps, o.LearningRate, o.Device, o.Seed, o.BatchSize));
        Assert.Equal(8, o.Width); // the preset's value survives
    }

    [Theory]
    [InlineData("stepz=3", "unknown option 'stepz'", "steps, batch_size")]
    [InlineData("steps=three", "option 'steps' expects an integer, got 'three'", null)]
    [InlineData("learning_rate=fast", "option 'learning_rate' expects a number", null)]
    [InlineData("steps=0", "steps must be at least 1", null)]
    [InlineData("device=tpu", "unknown device 'tpu'", null)]
    public void Bad_overrides_are_usage_errors_that_say_what_is_valid(string assignment, string message, string? listed)
    {
        var e = Assert.Throws<UsageException>(() => ToyGanExperiment.Definition.Resolve(Preset.Smoke, TrainingFixtures.Set(assignment)));
        Assert.Contains(message, e.Message);
        if (listed is not null)
            Assert.Contains(listed, e.Message);
    }

    [Fact]
    public void An_assignment_without_equals_sign_is_a_usage_error()
    {
        Assert.Throws<UsageException>(() => OptionSet.ParseAssignment("steps"));
        Assert.Equal(KeyValuePair.Create("x", "a=b"), OptionSet.ParseAssignment("x=a=b"));
    }

    [Fact]
    public void Json_round_trip_gives_equal_options_with_exact_doubles()
    {
        var o = (ToyGanOptions)
            ToyGanExperiment.Definition.Resolve(Preset.Cpu, TrainingFixtures.Set("learning_rate=0.00012345678901234567", "seed=9"));
        var text = OptionSet.ToJsonText(o);
        var back = OptionSet.FromJson(typeof(ToyGanOptions), JsonNode.Parse(text)!);
        Assert.Equal(o, back);
        Assert.Contains("\"learning_rate\":", text);
    }

    [Fact]
    public void The_device_is_its_name_in_json_and_a_bad_name_there_is_refused_naming_it()
    {
        var o = (ToyGanOptions)ToyGanExperiment.Definition.Resolve(Preset.Smoke, TrainingFixtures.Set("device=CUDA:2"));
        var json = OptionSet.ToJson(o);
        Assert.Equal("cuda:2", json["device"]!.GetValue<string>()); // run.json files from before the typed device read the same
        Assert.Equal(ComputeDevice.CudaAt(2), ((ToyGanOptions)OptionSet.FromJson(typeof(ToyGanOptions), json)).Device);
        json["device"] = "tpu";
        Assert.Contains("unknown device 'tpu'", Assert.Throws<InvalidDataException>(() => OptionSet.FromJson(typeof(ToyGanOptions), json)).Message);
        json["device"] = 3;
        Assert.Throws<InvalidDataException>(() => OptionSet.FromJson(typeof(ToyGanOptions), json));
    }

    [Fact]
    public void Json_with_an_unknown_key_is_rejected_and_missing_keys_take_defaults()
    {
        Assert.Throws<InvalidDataException>(() => OptionSet.FromJson(typeof(ToyGanOptions), JsonNode.Parse("{\"stepz\": 3}")!));
        var partial = (ToyGanOptions)OptionSet.FromJson(typeof(ToyGanOptions), JsonNode.Parse("{\"steps\": 3}")!);
        Assert.Equal(new ToyGanOptions { Steps = 3 }, partial);
    }

    [Fact]
    public void Printed_options_mark_exactly_the_non_defaults()
    {
        var o = ToyGanExperiment.Definition.Resolve(Preset.Smoke, TrainingFixtures.Set("beta1=0.6"));
        var lines = OptionSet.Format(o, new ToyGanOptions(), "title").Split('\n');
        Assert.Contains(lines, l => l.Contains("beta1: 0.6") && l.Contains("[default: 0.5]"));
        Assert.Contains(lines, l => l.Contains("steps: 60") && l.Contains("[default: 1000]"));
        Assert.Contains(lines, l => l.Contains("beta2: 0.999") && !l.Contains("[default"));
        Assert.Contains(lines, l => l.Contains("device: cpu") && !l.Contains("[default"));
    }
}
