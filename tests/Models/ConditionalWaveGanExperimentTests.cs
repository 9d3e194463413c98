using Dino.Repro.App;
using Dino.Repro.Models.WaveGanSpeech;
using Dino.Repro.Tests.Support;
using Dino.Repro.Tests.Training;

namespace Dino.Repro.Tests.Models;

public class ConditionalWaveGanExperimentTests
{
    [Fact]
    public void A_smoke_run_on_spoken_grid_logs_the_wgan_gp_terms_and_resumes_bit_for_bit()
    {
        using var data = new DataRootScope();
        using var temp = new Fixtures.TempFolder();
        var (_, losses) = TrainingFixtures.AssertStopAndResumeMatch(
            BuiltInExperiments.Registry,
            temp.Root,
            ConditionalWaveGanExperiment.Name,
            TrainingFixtures.Set("log_every=1", "checkpoint_every=2"),
            stopAfter: 3,
            comparedAfter: 4
        );
        Assert.Equal(6, losses.Count);
        // The critic's last update: λ·GP − (D(real) − D(fake)), λ = 10.
        foreach (var step in losses.Values)
            Assert.Equal(10 * step["penalty"] - step["wasserstein"], step["D"], 4);
    }
}
