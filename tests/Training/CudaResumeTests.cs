using Dino.Repro.App;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;
using TorchSharp.Modules;

namespace Dino.Repro.Tests.Training;

/// <summary>
/// A GPU run stopped and resumed: networks, Adam state and the CUDA generator come back onto the device from the
/// checkpoint and training continues as it would have. cuDNN may pick non-deterministic kernels, so the losses after
/// the resume are compared with a tolerance, not bit for bit as on the CPU. Skipped without a GPU.
/// </summary>
public class CudaResumeTests
{
    [CudaFact]
    public void A_dino_run_on_cuda_resumed_from_its_checkpoint_continues_with_the_uninterrupted_runs_losses()
    {
        using var data = new DataRootScope();
        var overrides = TrainingFixtures.Set("steps=6", "log_every=1", "checkpoint_every=3", "device=cuda", "shapes_count=12");
        Trainer NewTrainer(string folder, Action<StepReport>? onStep = null) =>
            new(BuiltInExperiments.Registry, new TrainerSettings { RunsRoot = Path.Combine(data.Path, folder), OnStep = onStep });

        var reference = NewTrainer("reference").Train("dino", Preset.Smoke, overrides);
        using var stop = new CancellationTokenSource();
        var stopped = NewTrainer("stopped", r =>
            {
                if (r.Step == 2)
                    stop.Cancel();
            })
            .Train("dino", Preset.Smoke, overrides, stop.Token);
        Assert.Equal(3, stopped.Step);
        var resumed = NewTrainer("stopped").Resume(stopped.RunDirectory);
        Assert.True(resumed.Completed);

        var expected = TrainingFixtures.LossesByStep(reference.RunDirectory);
        var actual = TrainingFixtures.LossesByStep(resumed.RunDirectory);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var step in expected.Keys.Where(s => s > 3))
        {
            foreach (var (name, value) in expected[step])
                Assert.True(
                    Math.Abs(actual[step][name] - value) <= 1e-3 * Math.Max(1, Math.Abs(value)),
                    $"step {step} {name}: resumed {actual[step][name]}, uninterrupted {value}"
                );
        }
    }
}
