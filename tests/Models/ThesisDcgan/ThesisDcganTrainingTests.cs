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

    [Fact]
    public void A_speech_run_draws_real_faces_above_two_draws_and_resumes_bit_for_bit()
    {
        var overrides = TrainingFixtures.Set("condition=SpeechAndOneHot", "dropout=0.5", "log_every=1", "checkpoint_every=2");
        var (reference, losses) = TrainingFixtures.AssertStopAndResumeMatch(
            BuiltInExperiments.Registry,
            temp.Root,
            ThesisDcganExperiment.Name,
            overrides,
            stopAfter: 5,
            comparedAfter: 6
        );
        Assert.Equal(12, losses.Count);
        using var grid = Dino.Repro.Vision.ImageIO.Read(Path.Combine(reference.RunDirectory, "samples", "step-000012.png"));
        Assert.Equal(new long[] { 1 + 3 * 65, 1 + 4 * 65, 3 }, grid.shape); // real, then two z per face
    }
}
