using Dino.Repro.Models.AcGan;
using Dino.Repro.Tests.Models.AcGan;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

public class StepTimingTests
{
    [Fact]
    public void It_runs_the_warm_up_and_timed_steps_on_the_experiments_own_batches_and_refuses_zero_steps()
    {
        var options = new AcGanOptions
        {
            Resolution = 16,
            Width = 4,
            Latent = 8,
            BatchSize = 4,
            SampleCount = 4,
        };
        using var experiment = new AcGanExperiment(options, AcGanTests.RandomFaces(16, 16, 4, 1));
        var before = experiment.Data.Position;
        var milliseconds = StepTiming.MedianMilliseconds(experiment, warmup: 2, steps: 3);
        Assert.True(milliseconds > 0 && double.IsFinite(milliseconds), $"{milliseconds} ms");
        Assert.NotEqual(before, experiment.Data.Position); // five batches were drawn from its data
        Assert.Throws<ArgumentOutOfRangeException>(() => StepTiming.MedianMilliseconds(experiment, warmup: 0, steps: 0));
    }
}
