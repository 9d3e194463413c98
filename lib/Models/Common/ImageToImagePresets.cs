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

    /// <summary>Steps of every method at the cpu preset: the whole of `dino reproduce dino-table1 --preset cpu` within an hour on 2 cores.</summary>
    /// <remarks>
    /// Measured at this preset (64², batch 8) on a 2-core machine shared with a load average of about 50, seconds per
    /// step: pix2pix 12.7, DINO 25.5, BicycleGAN 40.1, bidirectional DINO 60 — about 138 s for one step of all four.
    /// That load slows a process about 25–30× (the README's idle U-Net step is 320 ms), so idle it is about 5–5.5 s,
    /// and 600 steps take about 55 min, plus a few minutes for the corpus, the segmenter (600 small steps) and scoring.
    /// Table 4 (three DINO runs) takes about half as long, Table 2 as long as Table 1. These are estimates scaled from
    /// a busy machine: time one run on yours before relying on them.
    /// </remarks>
    public const int CpuSteps = 600;

    /// <summary>cpu: Shapes at 64², <see cref="CpuSteps"/> steps — Table 1's four methods within an hour on 2 cores.</summary>
    public static T Cpu<T>(T options) where T : ImageToImageOptions => (T)((ImageToImageOptions)options with
    {
        Resolution = 64, BatchSize = 8, Steps = CpuSteps, SampleEvery = 100, CheckpointEvery = 300, EvaluateEvery = 300,
    });

    /// <summary>paper: the real CelebAMask-HQ at 256² on a GPU, with the reference's batch size and schedule.</summary>
    public static T Paper<T>(T options, int batchSize, int steps, int sampleEvery, int checkpointEvery) where T : ImageToImageOptions =>
        (T)((ImageToImageOptions)options with
        {
            Resolution = 256, Corpus = "celebamask-hq", BatchSize = batchSize, Steps = steps, Device = "cuda", Augment = true,
            SampleEvery = sampleEvery, CheckpointEvery = checkpointEvery,
        });
}
