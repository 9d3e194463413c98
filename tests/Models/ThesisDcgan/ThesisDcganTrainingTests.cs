using Dino.Repro.App;
using Dino.Repro.IO;
using Dino.Repro.Models.ThesisDcgan;
using Dino.Repro.Tests.Support;
using Dino.Repro.Tests.Training;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Models.ThesisDcgan;

/// <summary>The registered thesis DCGAN on the embedded voice-faces at the smoke preset, made in a temporary data root.</summary>
public sealed class ThesisDcganTrainingTests : IDisposable
{
    private readonly DataRootScope data = new();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        temp.Dispose();
        data.Dispose();
    }

    private Trainer Trainer(string root, Action<StepReport>? onStep = null) =>
        new(
            BuiltInExperiments.Registry,
            new TrainerSettings
            {
                RunsRoot = Path.Combine(temp.Root, root),
                Progress = ProgressSinks.None,
                OnStep = onStep,
            }
        );

    [Fact]
    public void A_speech_run_draws_real_faces_above_two_draws_and_resumes_bit_for_bit()
    {
        var overrides = TrainingFixtures.Set("condition=SpeechAndOneHot", "dropout=0.5", "log_every=1", "checkpoint_every=2");
        var reference = Trainer("reference").Train(ThesisDcganExperiment.Name, Preset.Smoke, overrides);
        using (var grid = Dino.Repro.Vision.ImageIO.Read(Path.Combine(reference.RunDirectory, "samples", "step-000012.png")))
            Assert.Equal(new long[] { 1 + 3 * 65, 1 + 4 * 65, 3 }, grid.shape); // real, then two z per face

        using var stop = new CancellationTokenSource();
        var stopped = Trainer("stopped", r =>
            {
                if (r.Step == 5)
                    stop.Cancel();
            })
            .Train(ThesisDcganExperiment.Name, Preset.Smoke, overrides, stop.Token);
        Assert.False(stopped.Completed);
        var resumed = Trainer("stopped").Resume(stopped.RunDirectory);
        Assert.True(resumed.Completed);
        var expected = TrainingFixtures.LossesByStep(reference.RunDirectory);
        Assert.Equal(12, expected.Count);
        TrainingFixtures.AssertSameLosses(expected, TrainingFixtures.LossesByStep(resumed.RunDirectory), expected.Keys.Where(s => s > 6));
    }
}
