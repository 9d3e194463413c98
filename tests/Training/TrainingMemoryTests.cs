using Dino.Repro.App;
using Dino.Repro.IO;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

public class TrainingMemoryTests
{
    [Fact]
    public void Live_tensor_count_stays_flat_over_three_hundred_steps_with_logs_samples_and_checkpoints()
    {
        using var temp = new Fixtures.TempFolder();
        long baseline = -1;
        var counts = new List<(long step, long count)>();
        var trainer = TrainingFixtures.Trainer(temp.Root, onStep: r =>
        {
            if (r.Step == 20)
                baseline = LiveTensors.Settled(); // optimiser state exists from step 1 on
            else if (r.Step > 20)
                counts.Add((r.Step, Tensor.TotalCount));
        });
        // Without prefetch: the batches read ahead would move the count between steps (the next test covers them).
        trainer.Train(
            "toy-gan",
            Preset.Smoke,
            TrainingFixtures.Set("steps=300", "log_every=1", "sample_every=25", "checkpoint_every=50", "evaluate_every=100", "prefetch=0")
        );

        Assert.Equal(280, counts.Count);
        var grown = counts.Where(c => c.count != baseline).ToList();
        Assert.True(
            grown.Count == 0,
            $"live tensors {baseline} at step 20, then {string.Join(", ", grown.Take(5).Select(g => $"{g.count} at step {g.step}"))}"
        );
    }

    [Fact]
    public void Past_its_first_steps_training_makes_no_tensor_outside_a_dispose_scope()
    {
        // A tensor made outside every scope and passed straight on is held by nothing during the native call that reads it:
        // a collection on another thread may finalise it mid-call (the Scalar case: tests/Architecture/ScalarLifetimeTests).
        // Inside a scope the scope holds it. So the steady state of a run — steps, logs, samples, checkpoints, evaluations,
        // batches read on this thread — makes none outside one.
        using var temp = new Fixtures.TempFolder();
        var outside = new Dictionary<long, long>();
        var trainer = TrainingFixtures.Trainer(temp.Root, onStep: r =>
        {
            if (r.Step is 20 or 120)
                outside[r.Step] = DisposeScopeManager.Statistics.TensorStatistics.CreatedOutsideScopeCount;
        });
        trainer.Train(
            "toy-gan",
            Preset.Smoke,
            TrainingFixtures.Set("steps=120", "log_every=1", "sample_every=25", "checkpoint_every=50", "evaluate_every=50", "prefetch=0")
        );
        Assert.True(outside[120] == outside[20], $"{outside[120] - outside[20]} tensor(s) made outside a dispose scope between steps 20 and 120");
    }

    [Theory]
    [InlineData("dino")]
    [InlineData("dino-bidirectional")]
    [InlineData("dino-speech")]
    [InlineData("cyclegan-speech")]
    [InlineData("wavegan-speech")]
    [InlineData("grid-recogniser")]
    [InlineData("pix2pix")]
    [InlineData("bicyclegan")]
    [InlineData("acgan")]
    [InlineData("thesis-dcgan")]
    [InlineData("wav2pix")]
    [InlineData("listen-and-move")]
    public void Neither_do_the_papers_models_at_smoke(string experiment)
    {
        using var data = new DataRootScope();
        using var temp = new Fixtures.TempFolder();
        var outside = new Dictionary<long, long>();
        var trainer = TrainingFixtures.Trainer(
            temp.Root,
            onStep: r =>
            {
                if (r.Step is 3 or 9)
                    outside[r.Step] = DisposeScopeManager.Statistics.TensorStatistics.CreatedOutsideScopeCount;
            },
            registry: BuiltInExperiments.Registry
        );
        trainer.Train(experiment, Preset.Smoke, TrainingFixtures.Set("steps=9", "log_every=1", "sample_every=3", "checkpoint_every=3", "prefetch=0"));
        Assert.True(
            outside[9] == outside[3],
            $"{experiment}: {outside[9] - outside[3]} tensor(s) made outside a dispose scope between steps 3 and 9"
        );
    }

    [Fact]
    public void With_prefetch_every_batch_read_ahead_is_freed_when_the_run_ends()
    {
        using var temp = new Fixtures.TempFolder();
        var before = LiveTensors.Settled();
        long peak = 0,
            baseline = -1;
        var trainer = TrainingFixtures.Trainer(temp.Root, onStep: r =>
        {
            if (r.Step == 20)
                baseline = LiveTensors.Settled();
            else if (r.Step > 20)
                peak = Math.Max(peak, Tensor.TotalCount);
        });
        trainer.Train("toy-gan", Preset.Smoke, TrainingFixtures.Set("steps=120", "checkpoint_every=50", "prefetch=3"));
        // TorchSharp 0.107 can keep counting the parameters of a disposed built-in layer (their memory is freed: the
        // resident-memory test covers that), so the run may leave at most one count per parameter, never a batch.
        Assert.InRange(LiveTensors.Settled() - before, 0, ParameterTensors());
        // Bounded: at most the 3 queued batches and the one being decoded (one tensor each, plus the worker's index
        // tensor) beyond the count at step 20, whatever the worker's progress was then.
        Assert.InRange(peak, baseline - 5, baseline + 5);
    }

    private static long ParameterTensors()
    {
        var definition = Dino.Repro.Models.ToyGan.ToyGanExperiment.Definition;
        using var experiment = definition.Create(definition.Resolve(Preset.Smoke));
        return experiment.Networks.Values.Sum(n => n.parameters().Count());
    }
}
