using Dino.Repro.Data.SoundVideo;

namespace Dino.Repro.Tests.Data.SoundVideo;

/// <summary>
/// Listen and Move's per-frame "lms" descriptor checked against values derived from its definition: the STFT framing
/// (centred, hop 640, a 1600-sample window inside n_fft 2048), chunks of 8 mel frames every 5, the HTK mel bands
/// 125–7500 Hz, and dB relative to each chunk's maximum with librosa's 80 dB floor.
/// </summary>
public class SoundFeaturesTests : IDisposable
{
    private const int Rate = 64000;
    private readonly DisposeScope scope = NewDisposeScope();

    public void Dispose() => scope.Dispose();

    private static Tensor Tone(double hz, int samples, double amplitude = 0.5) =>
        tensor(Enumerable.Range(0, samples).Select(n => (float)(amplitude * Math.Sin(2 * Math.PI * hz * n / Rate))).ToArray(), [samples]);

    private static int[] ArgmaxBands(Tensor features) => features.argmax(1).ToArray<long>().Select(b => (int)b).ToArray();

    [Fact]
    public void One_descriptor_per_video_frame_with_chunk_arithmetic_from_the_framing()
    {
        // 1 s: 1 + 64000/640 = 101 mel frames; chunks start every 5 frames while 8 fit: (101 − 8)/5 + 1 = 19.
        var features = SoundFeatures.PerVideoFrame(Tone(1000, Rate));
        Assert.Equal(new long[] { 19, 64 }, features.shape);
        var options = new SoundFeatureOptions();
        Assert.Equal(5, options.ChunkHop);
        Assert.Equal(401, options.MelFrames(4 * Rate));
        Assert.Equal(79, options.Chunks(401));
        Assert.Equal(0, options.Chunks(7));
    }

    [Fact]
    public void A_steady_tone_peaks_at_0_dB_in_its_mel_band_and_far_bands_sit_on_the_80_dB_floor()
    {
        foreach (var expected in new[] { 8, 30, 55 })
        {
            var features = SoundFeatures.PerVideoFrame(Tone(HtkBands.PeakHz(expected), Rate / 2));
            Assert.All(ArgmaxBands(features), band => Assert.Equal(expected, band));
            // Every frame of a steady tone has the same maximum, so the chunk mean of the peak band is exactly 0 dB.
            Assert.Equal(0.0, features.max().ToSingle(), 3);
            Assert.Equal(-80.0, features.min().ToSingle(), 3);
        }
    }

    [Fact]
    public void Descriptors_are_relative_to_each_chunk_so_loudness_cancels()
    {
        var loud = SoundFeatures.PerVideoFrame(Tone(700, Rate / 2, amplitude: 0.8));
        var quiet = SoundFeatures.PerVideoFrame(Tone(700, Rate / 2, amplitude: 0.008));
        Assert.True((loud - quiet).abs().max().ToSingle() < 1e-3, "a 40 dB gain should not change the descriptor");
    }

    [Fact]
    public void Chunk_k_covers_samples_3200k_minus_800_to_3200k_plus_5280()
    {
        // Band 10's peak frequency for the first second, band 45's after. Mel frame j has non-zero window samples [640j − 800, 640j + 800);
        // chunk k = frames 5k…5k+7 covers [3200k − 800, 3200k + 5280): wholly before the switch at 64000 for k ≤ 18,
        // wholly after it for k ≥ 21.
        var signal = where(arange(Scalars.Of(2 * Rate)) < Scalars.Of(Rate), Tone(HtkBands.PeakHz(10), 2 * Rate), Tone(HtkBands.PeakHz(45), 2 * Rate));
        var bands = ArgmaxBands(SoundFeatures.PerVideoFrame(signal));
        Assert.Equal(39, bands.Length); // (1 + 128000/640 − 8)/5 + 1
        for (var k = 0; k <= 18; k++)
            Assert.Equal(10, bands[k]);
        for (var k = 21; k < bands.Length; k++)
            Assert.Equal(45, bands[k]);
    }

    [Fact]
    public void Wrong_shapes_and_too_short_audio_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SoundFeatures.PerVideoFrame(zeros(2, 64000)));
        var error = Assert.Throws<ArgumentException>(() => SoundFeatures.PerVideoFrame(zeros(3000)));
        Assert.Contains("fewer than one chunk", error.Message);
    }
}
