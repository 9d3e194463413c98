namespace Dino.Repro.Models.Common;

/// <summary>
/// The schedule every image-to-image experiment shares per preset; each model's presets start from these and
/// add only what is its own (network widths, the paper's batch size and step count).
/// </summary>
public static class ImageToImagePresets
{
    /// <summary>smoke: seconds on a CPU (CI) — 32², 32 Shapes pairs, 20 steps.</summary>
    public static T Smoke<T>(T options)
        where T : ImageToImageOptions =>
        (T)(
            (ImageToImageOptions)options with
            {
                Resolution = 32,
                ShapesCount = 32,
                BatchSize = 4,
                Steps = 20,
                LogEvery = 5,
                SampleEvery = 10,
                CheckpointEvery = 10,
                KeepCheckpoints = 1, // a smoke table's run folders stay small (its checks resume from the newest)
            }
        );

    /// <summary>Steps of every method at the cpu preset: the whole of `dino reproduce dino-table1 --preset cpu` within an hour on 2 cores.</summary>
    /// <remarks>
    /// Measured at this preset (64², batch 8) on this kit's 2-core machine while it was shared (load average 10–18),
    /// seconds per step: pix2pix 7.3, DINO 13.3, BicycleGAN 18.4, bidirectional DINO 26.4 (at load ≈ 50 the same order:
    /// 12.7, 25.5, 40.1, 60) — one step of all four costs about 9 pix2pix steps. Idle, a pix2pix step is its U-Net step
    /// (320 ms in the README's benchmark) plus the PatchGAN's passes, about 0.6–0.9 s, so one step of all four takes
    /// about 5.3–8 s and 400 steps 35–53 min, plus a few minutes for the corpus, the segmenter (600 small steps) and
    /// scoring. Table 4 (three DINO runs) takes about two thirds of that, Table 2 as long as Table 1. The numbers come
    /// from a busy machine and are pessimistic; time one run on yours before relying on them.
    /// </remarks>
    public const int CpuSteps = 400;

    /// <summary>cpu: Shapes at 64², <see cref="CpuSteps"/> steps — Table 1's four methods within an hour on 2 cores.</summary>
    public static T Cpu<T>(T options)
        where T : ImageToImageOptions =>
        (T)(
            (ImageToImageOptions)options with
            {
                Resolution = 64,
                BatchSize = 8,
                Steps = CpuSteps,
                SampleEvery = 100,
                CheckpointEvery = 200,
                EvaluateEvery = 200,
            }
        );

    /// <summary>paper: the real CelebAMask-HQ at 256² on a GPU, with the reference's batch size and schedule.</summary>
    public static T Paper<T>(T options, int batchSize, int steps, int sampleEvery, int checkpointEvery)
        where T : ImageToImageOptions =>
        (T)(
            (ImageToImageOptions)options with
            {
                Resolution = 256,
                Corpus = Data.CelebAMaskHq.CelebAMaskHqLayout.CorpusName,
                BatchSize = batchSize,
                Steps = steps,
                Device = ComputeDevice.Cuda,
                Augment = true,
                SampleEvery = sampleEvery,
                CheckpointEvery = checkpointEvery,
            }
        );
}
