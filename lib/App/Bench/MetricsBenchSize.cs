namespace Dino.Repro.App.Bench;

/// <summary>How much work the metrics benchmark measures: the audio pair's length and the FID image batches.</summary>
/// <param name="AudioSeconds">Length of the synthetic 16 kHz speech-like pair scored by STOI, ESTOI, both MCDs and PESQ (narrowband and
/// wideband).</param>
/// <param name="Repeats">Timed runs per audio metric (the median is reported).</param>
/// <param name="FidBatch">Images per forward in FID feature extraction.</param>
/// <param name="FidBatches">Batches per timed pass (three passes, median).</param>
/// <param name="ImageSize">Side of the uint8 images fed to the network.</param>
public sealed record MetricsBenchSize(double AudioSeconds, int Repeats, int FidBatch, int FidBatches, int ImageSize)
{
    /// <summary>What `dino bench metrics` runs: 10 s of audio; 2 × 4 Inception-sized images at 299×299 per pass.</summary>
    public static MetricsBenchSize Full { get; } = new(10, 3, 4, 2, 299);

    internal void Validate()
    {
        if (!(AudioSeconds >= 1))
            throw new ArgumentOutOfRangeException(
                nameof(AudioSeconds),
                AudioSeconds,
                "the bench needs ≥ 1 s of audio (STOI needs 30 frames of speech)"
            );
        if (Repeats < 1)
            throw new ArgumentOutOfRangeException(nameof(Repeats), Repeats, "at least one timed run");
        if (FidBatch < 1 || FidBatches < 1)
            throw new ArgumentOutOfRangeException(nameof(FidBatch), FidBatch, "at least one image batch");
        if (ImageSize < 1)
            throw new ArgumentOutOfRangeException(nameof(ImageSize), ImageSize, "the image side must be positive");
    }
}
