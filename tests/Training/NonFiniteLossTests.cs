using Dino.Repro.IO;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

public class NonFiniteLossTests
{
    [Fact]
    public void A_nan_loss_at_step_3_stops_with_the_step_the_loss_and_the_last_good_checkpoint()
    {
        using var temp = new Fixtures.TempFolder();
        var trainer = TrainingFixtures.Trainer(temp.Root);
        var e = Assert.Throws<NonFiniteLossException>(() =>
            trainer.Train("balance-test", Preset.Smoke, TrainingFixtures.Set("nan_at_step=3", "checkpoint_every=2"))
        );

        Assert.Equal(3, e.Step);
        Assert.Equal("weighted", e.LossName);
        Assert.True(double.IsNaN(e.Value));
        Assert.Contains("step 3", e.Message);
        Assert.Contains("'weighted'", e.Message);
        Assert.Contains("NaN", e.Message);
        Assert.NotNull(e.LastCheckpoint);
        Assert.EndsWith(Path.Combine("checkpoints", "step-000002.safetensors"), e.LastCheckpoint);
        Assert.Contains(e.LastCheckpoint!, e.Message);
        Assert.True(File.Exists(e.LastCheckpoint));

        // The bad step is neither logged nor checkpointed.
        var run = Directory.GetDirectories(temp.Root).Single();
        Assert.Equal(new long[] { 1, 2 }, TrainingFixtures.LossesByStep(run).Keys);
        Assert.Single(Directory.GetFiles(Path.Combine(run, "checkpoints")));
    }

    [Fact]
    public void A_nan_before_any_checkpoint_says_there_is_none()
    {
        using var temp = new Fixtures.TempFolder();
        var e = Assert.Throws<NonFiniteLossException>(() =>
            TrainingFixtures.Trainer(temp.Root).Train("balance-test", Preset.Smoke, TrainingFixtures.Set("nan_at_step=1"))
        );
        Assert.Null(e.LastCheckpoint);
        Assert.Contains("No checkpoint had been written yet", e.Message);
    }
}
