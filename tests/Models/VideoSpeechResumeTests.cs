using Dino.Repro.App;
using Dino.Repro.Tests.Support;
using Dino.Repro.Tests.Training;

namespace Dino.Repro.Tests.Models;

/// <summary>Every Table 3 model trained on Spoken GRID at smoke, stopped and resumed, logs the same losses bit for bit.</summary>
public class VideoSpeechResumeTests
{
    [Theory]
    [InlineData("dino-speech")]
    [InlineData("cyclegan-speech")]
    public void A_smoke_run_on_spoken_grid_resumes_bit_for_bit(string experiment)
    {
        using var data = new DataRootScope();
        using var temp = new Fixtures.TempFolder();
        var (_, losses) = TrainingFixtures.AssertStopAndResumeMatch(
            BuiltInExperiments.Registry,
            temp.Root,
            experiment,
            TrainingFixtures.Set("log_every=1", "checkpoint_every=2"),
            stopAfter: 3,
            comparedAfter: 4
        );
        Assert.Equal(6, losses.Count);
        Assert.All(losses.Values, step => Assert.All(step.Values, value => Assert.True(double.IsFinite(value))));
    }
}
