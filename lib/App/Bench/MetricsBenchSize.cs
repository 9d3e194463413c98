namespace Dino.Repro.App.Bench;

/// <summary>How much work the metrics benchmark measures: the audio pair's length and the FID image batches.</summary>
/// <param name="audio_seconds">Length of the synthetic 16 kHz speech-like pair scored by STOI, ESTOI, both MCDs and PESQ (narrowband and wideband).</param>
/// <param name="repeats">Timed runs per audio metric (the median is reported).</param>
/// <param name="fid_batch">Images per forward in FID feature extraction.</param>
/// <param name="fid_batches">Batches per timed pass (three passes, median).</param>
/// <param name="image_size">Side of the uint8 images fed to the network.</param>
public sealed record MetricsBenchSize(double audio_seconds, int repeats, int fid_batch, int fid_batches, int image_size)
{
    /// <summary>What `dino bench metrics` runs: 10 s of audio; 2 × 4 Inception-sized images at 299×299 per pass.</summary>
    public static MetricsBenchSize Full { get; } = new(10, 3, 4, 2, 299);

    internal void Validate()
    {
        if (!(audio_seconds >= 1)) throw new ArgumentOutOfRangeException(nameof(audio_seconds), audio_seconds, "the bench needs ≥ 1 s of audio (STOI needs 30 frames of speech)");
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "at least one timed run");
        if (fid_batch < 1 || fid_batches < 1) throw new ArgumentOutOfRangeException(nameof(fid_batch), fid_batch, "at least one image batch");
        if (image_size < 1) throw new ArgumentOutOfRangeException(nameof(image_size), image_size, "the image side must be positive");
    }
}
