namespace Dino.Repro.Models.Common;

/// <summary>
/// The schedule every image-to-image experiment shares per preset; each model's presets start from these and
/// add only what is its own (network widths, the paper's batch size and step count).
/// </summary>
public static class ImageToImagePresets
{
    /// <summary>smoke: seconds on a CPU (CI) — 32², 32 Shapes pairs, 20 steps.</summary>
    public static T Smoke<T>(T options) where T : ImageToImageOptions => (T)((ImageToImageOptions)options with
    {
        Resolution = 32, ShapesCount = 32, BatchSize = 4, Steps = 20, LogEvery = 5, SampleEvery = 10, CheckpointEvery = 10,
    });

    /// <summary>cpu: Shapes at 64², 3000 steps — about an hour per method on 2 cores.</summary>
    public static T Cpu<T>(T options) where T : ImageToImageOptions => (T)((ImageToImageOptions)options with
    {
        Resolution = 64, BatchSize = 8, Steps = 3000, SampleEvery = 250, CheckpointEvery = 500, EvaluateEvery = 500,
    });

    /// <summary>paper: the real CelebAMask-HQ at 256² on a GPU, with the reference's batch size and schedule.</summary>
    public static T Paper<T>(T options, int batchSize, int steps, int sampleEvery, int checkpointEvery) where T : ImageToImageOptions =>
        (T)((ImageToImageOptions)options with
        {
            Resolution = 256, Corpus = "celebamask-hq", BatchSize = batchSize, Steps = steps, Device = "cuda", Augment = true,
            SampleEvery = sampleEvery, CheckpointEvery = checkpointEvery,
        });
}
