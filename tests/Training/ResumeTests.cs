using Dino.Repro.IO;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

public class ResumeTests
{
    [Theory]
    [InlineData("toy-gan", new[] { "steps=30", "log_every=1", "checkpoint_every=5", "sample_every=4", "evaluate_every=6" }, 13)]
    [InlineData("toy-gan", new[] { "steps=30", "log_every=1", "checkpoint_every=5", "prefetch=0" }, 13)]
    [InlineData("toy-gan", new[] { "steps=30", "log_every=1", "checkpoint_every=5", "prefetch=4" }, 8)]
    [InlineData("balance-test", new[] { "steps=30", "checkpoint_every=5" }, 17)]
    public void A_run_stopped_and_resumed_logs_the_same_losses_bit_for_bit(string experiment, string[] sets, int stopAt)
    {
        using var temp = new Fixtures.TempFolder();
        var overrides = TrainingFixtures.Set(sets);
        var reference = TrainingFixtures.Trainer(Path.Combine(temp.Root, "reference")).Train(experiment, Preset.Smoke, overrides);

        // Stop after step `stopAt` (a checkpoint is written there), then continue from the newest checkpoint.
        using var stop = new CancellationTokenSource();
        var stopped = TrainingFixtures
            .Trainer(Path.Combine(temp.Root, "stopped"), onStep: r =>
            {
                if (r.Step == stopAt)
                    stop.Cancel();
            })
            .Train(experiment, Preset.Smoke, overrides, stop.Token);
        Assert.False(stopped.Completed);
        Assert.Equal(stopAt + 1, stopped.Step); // the token is seen after the step it was cancelled in
        Assert.EndsWith($"step-{stopAt + 1:D6}.safetensors", stopped.LastCheckpoint);

        var resumed = TrainingFixtures.Trainer(Path.Combine(temp.Root, "stopped")).Resume(stopped.RunDirectory);
        Assert.True(resumed.Completed);

        var expected = TrainingFixtures.LossesByStep(reference.RunDirectory);
        var actual = TrainingFixtures.LossesByStep(resumed.RunDirectory);
        Assert.Equal(expected.Keys, actual.Keys);
        TrainingFixtures.AssertSameLosses(expected, actual, expected.Keys.Where(s => s > stopAt + 1));
        Assert.NotEqual(expected[1].Values.First(), expected[30].Values.First()); // and it did train
    }

    [Theory]
    [InlineData("pix2pix")]
    [InlineData("dino")]
    public void A_resumed_image_to_image_run_draws_its_sample_grids_from_the_same_pairs_as_an_uninterrupted_one(string experiment)
    {
        using var data = new DataRootScope();
        using var temp = new Fixtures.TempFolder();
        var overrides = TrainingFixtures.Set("steps=8", "shapes_count=12", "batch_size=2", "sample_every=4", "checkpoint_every=2", "log_every=1");
        var registry = Dino.Repro.App.BuiltInExperiments.Registry;
        var reference = new Trainer(
            registry,
            new TrainerSettings { RunsRoot = Path.Combine(temp.Root, "reference"), Progress = ProgressSinks.None }
        ).Train(experiment, Preset.Smoke, overrides);

        // Stopped after step 5, resumed from its checkpoint there: the first batch the resumed session reads is the 6th.
        using var stop = new CancellationTokenSource();
        var stoppedRoot = Path.Combine(temp.Root, "stopped");
        var stopped = new Trainer(
            registry,
            new TrainerSettings
            {
                RunsRoot = stoppedRoot,
                Progress = ProgressSinks.None,
                OnStep = r =>
                {
                    if (r.Step == 5)
                        stop.Cancel();
                },
            }
        ).Train(experiment, Preset.Smoke, overrides, stop.Token);
        Assert.False(stopped.Completed);
        var resumed = new Trainer(registry, new TrainerSettings { RunsRoot = stoppedRoot, Progress = ProgressSinks.None }).Resume(
            stopped.RunDirectory
        );
        Assert.True(resumed.Completed);

        foreach (var step in new[] { 4, 8 })
        {
            var expected = File.ReadAllBytes(Path.Combine(reference.RunDirectory, "samples", $"step-{step:D6}.png"));
            var actual = File.ReadAllBytes(Path.Combine(resumed.RunDirectory, "samples", $"step-{step:D6}.png"));
            Assert.True(expected.SequenceEqual(actual), $"{experiment}: the step-{step} sample grid differs after the resume");
        }
    }

    [Fact]
    public void Prefetching_trains_on_the_same_batches_as_decoding_in_the_step()
    {
        using var temp = new Fixtures.TempFolder();
        var off = TrainingFixtures
            .Trainer(Path.Combine(temp.Root, "off"))
            .Train("toy-gan", Preset.Smoke, TrainingFixtures.Set("steps=40", "log_every=1", "prefetch=0"));
        var on = TrainingFixtures
            .Trainer(Path.Combine(temp.Root, "on"))
            .Train("toy-gan", Preset.Smoke, TrainingFixtures.Set("steps=40", "log_every=1", "prefetch=3"));
        var expected = TrainingFixtures.LossesByStep(off.RunDirectory);
        TrainingFixtures.AssertSameLosses(expected, TrainingFixtures.LossesByStep(on.RunDirectory), expected.Keys);
        // 40 steps of 16 from 256 examples: the checkpoint is at epoch 2, index 8·16, not where the worker had read to.
        var info = SafeTensors.ReadHeader(on.LastCheckpoint!).Metadata["data"];
        Assert.Equal(SafeTensors.ReadHeader(off.LastCheckpoint!).Metadata["data"], info);
        Assert.Contains("\"epoch\":2,\"index\":128", info);
    }

    [Fact]
    public void Resume_with_more_steps_extends_the_run_and_records_it_in_options_json()
    {
        using var temp = new Fixtures.TempFolder();
        var first = TrainingFixtures.Trainer(temp.Root).Train("balance-test", Preset.Smoke, TrainingFixtures.Set("steps=10"));
        var longer = TrainingFixtures.Trainer(temp.Root).Resume(first.RunDirectory, steps: 15);
        Assert.Equal(15, longer.Step);
        Assert.Equal(15, (int)TrainingFixtures.Json(Path.Combine(first.RunDirectory, "options.json"))["options"]!["steps"]!);
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), TrainingFixtures.LossesByStep(first.RunDirectory).Keys);

        var e = Assert.Throws<UsageException>(() => TrainingFixtures.Trainer(temp.Root).Resume(first.RunDirectory, steps: 12));
        Assert.Contains("already at step 15, past the 12 steps asked for", e.Message);
    }

    [Fact]
    public void A_log_line_written_after_the_last_checkpoint_is_replaced_not_duplicated()
    {
        using var temp = new Fixtures.TempFolder();
        using var stop = new CancellationTokenSource();
        var stopped = TrainingFixtures
            .Trainer(temp.Root, onStep: r =>
            {
                if (r.Step == 12)
                    stop.Cancel();
            })
            .Train("balance-test", Preset.Smoke, null, stop.Token);
        // Pretend a killed session had logged two more steps and half a line past the checkpoint at 13.
        var log = Path.Combine(stopped.RunDirectory, "log.jsonl");
        File.AppendAllText(
            log,
            "{\"step\":14,\"losses\":{\"fit\":1,\"weighted\":1}}\n{\"step\":15,\"losses\":{\"fit\":1,\"weighted\":1}}\n{\"step\":16,\"los"
        );
        TrainingFixtures.Trainer(temp.Root).Resume(stopped.RunDirectory);
        var steps = TrainingFixtures.LossesByStep(stopped.RunDirectory);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), steps.Keys);
        Assert.NotEqual(1.0, steps[14]["fit"]);
    }
}
