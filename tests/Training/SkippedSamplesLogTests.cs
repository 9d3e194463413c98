using Dino.Repro.App;
using Dino.Repro.Data;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Corpora;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Tests.App.Reproduce;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

public class SkippedSamplesLogTests
{
    [Fact]
    public void A_corrupt_training_photo_stops_the_run_by_default_and_is_listed_in_log_jsonl_with_bad_samples_skip()
    {
        using var data = new DataRootScope();
        using var runs = new Fixtures.TempFolder();
        var corpus = ImageToImageData.Shapes(10, 32);
        var broken = CelebAMaskHqLayout.PhotoPath(corpus.Root, 2);
        File.WriteAllBytes(broken, File.ReadAllBytes(broken)[..30]);
        var trainer = new Trainer(BuiltInExperiments.Registry, new TrainerSettings { RunsRoot = runs.Root });

        var stopped = Assert.Throws<InvalidDataException>(() =>
            trainer.Train("pix2pix", Preset.Smoke, TrainingFixtures.Set("steps=1", "shapes_count=10"))
        );
        Assert.Contains(broken, stopped.Message);

        var run = trainer.Train("pix2pix", Preset.Smoke, TrainingFixtures.Set("steps=1", "shapes_count=10", "bad_samples=skip"));
        var report = JsonlLog.Read(Path.Combine(run.RunDirectory, "log.jsonl")).Single(l => l["skipped_samples"] is not null);
        Assert.Equal(0, (long)report["step"]!);
        var skipped = report["skipped_samples"]!;
        Assert.Equal(1, (int)skipped["count"]!);
        Assert.Equal(broken, (string?)skipped["samples"]![0]!["file"]);
        Assert.Equal(stopped.Message, (string?)skipped["samples"]![0]!["reason"]);
    }

    [Fact]
    public void An_unknown_bad_samples_value_is_a_usage_error_naming_the_valid_ones()
    {
        var e = Assert.Throws<UsageException>(() =>
            TrainingFixtures.Registry().Get("toy-gan").Resolve(Preset.Smoke, TrainingFixtures.Set("bad_samples=ignore"))
        );
        Assert.Contains("bad_samples must be throw or skip (got 'ignore')", e.Message);
    }
}
