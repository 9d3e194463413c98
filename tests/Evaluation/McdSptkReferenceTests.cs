using Dino.Repro.Evaluation.Metrics.Audio;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>
/// The ESPnet/SPTK mel-cepstral distortion against shared/testdata/expected.json (SPTK 3.9 command-line mcep,
/// fastdtw 0.3.4): the value to the README's 1e-3 dB (SPTK reads and writes float32; the kit is float64), frame
/// counts and the DTW path length exactly; 8 kHz, where ESPnet has no mcep parameters, is an error.
/// </summary>
public class McdSptkReferenceTests
{
    private const double ToleranceDb = 1e-3;

    public static TheoryData<string> Cases16k =>
        new()
        {
            "audio/pesq_speech_bab0dB_16k",
            "audio/espeak_enus_white5dB_16k",
            "audio/espeak_enus_lowpass1500_16k",
            "audio/espeak_enus_shift322_babble10dB_16k",
            "audio/espeak_enus_identity_16k",
        };

    [Theory]
    [MemberData(nameof(Cases16k))]
    public void Espnet_mcd_matches_sptk_with_fastdtw(string name)
    {
        var (expected, reference, degraded, rate) = AudioMetricReferenceTests.Load(name);
        var result = SptkMelCepstralDistance.Compute(reference, degraded, rate, McdVariant.Espnet);
        Assert.Equal(expected["mcd_espnet_sptk"]!.GetValue<double>(), result.Value, ToleranceDb);
        var frames = expected["mcd_espnet_sptk_frames"]!.AsArray(); // [degraded, reference]
        Assert.Equal(frames[0]!.GetValue<int>(), result.FramesDegraded);
        Assert.Equal(frames[1]!.GetValue<int>(), result.FramesReference);
        Assert.Equal(expected["mcd_espnet_sptk_dtw_path_length"]!.GetValue<int>(), result.AlignedFrames);
    }

    [Theory]
    [MemberData(nameof(Cases16k))]
    public void Frame_by_frame_mcd_without_c0_matches_sptk(string name)
    {
        var (expected, reference, degraded, rate) = AudioMetricReferenceTests.Load(name);
        var result = SptkMelCepstralDistance.Compute(reference, degraded, rate, McdVariant.SptkNoDtw);
        Assert.Equal(expected["mcd_sptk_nodtw_excl_c0"]!.GetValue<double>(), result.Value, ToleranceDb);
        Assert.Equal(result.FramesReference, result.AlignedFrames);
    }

    [Fact]
    public void An_identical_pair_scores_exactly_zero()
    {
        var (_, reference, _, rate) = AudioMetricReferenceTests.Load("audio/espeak_enus_identity_16k");
        var copy = (float[])reference.Clone();
        Assert.Equal(0.0, SptkMelCepstralDistance.Compute(reference, copy, rate, McdVariant.Espnet).Value);
        Assert.Equal(0.0, SptkMelCepstralDistance.Compute(reference, copy, rate, McdVariant.SptkNoDtw).Value);
    }

    [Theory]
    [InlineData("audio/espeak_enus_lowpass1500_8k")]
    [InlineData("audio/pesq_speech_bab0dB_8k")]
    public void Eight_kilohertz_is_an_error_because_espnet_defines_no_parameters_for_it(string name)
    {
        var (expected, reference, degraded, rate) = AudioMetricReferenceTests.Load(name);
        Assert.Null(expected["mcd_espnet_sptk"]?.GetValue<double?>());
        foreach (var variant in new[] { McdVariant.Espnet, McdVariant.SptkNoDtw })
        {
            var error = Assert.Throws<ArgumentException>(() => SptkMelCepstralDistance.Compute(reference, degraded, rate, variant));
            Assert.Contains("8000 Hz", error.Message);
        }
    }

    [Fact]
    public void Frame_by_frame_needs_equal_frame_counts_and_signals_need_one_frame()
    {
        var (_, full, fullDegraded, rate) = AudioMetricReferenceTests.Load("audio/espeak_enus_lowpass1500_16k");
        var (reference, degraded) = (full[..8000], fullDegraded[..8000]); // 28 frames keep the test short
        var shorter = degraded[..(degraded.Length - 2 * SptkMelCepstralDistance.Shift)];
        var error = Assert.Throws<ArgumentException>(() => SptkMelCepstralDistance.Compute(reference, shorter, rate, McdVariant.SptkNoDtw));
        Assert.Contains("equal frame counts", error.Message);
        // DTW aligns unequal lengths: two frames fewer on the degraded side.
        var aligned = SptkMelCepstralDistance.Compute(reference, shorter, rate, McdVariant.Espnet);
        Assert.Equal(aligned.FramesReference - 2, aligned.FramesDegraded);
        Assert.True(aligned.AlignedFrames >= aligned.FramesReference);

        var tooShort = Assert.Throws<ArgumentException>(() => SptkMelCepstralDistance.Compute(reference, new float[1000], rate));
        Assert.Contains("degraded signal has 1000 samples", tooShort.Message);
        var nan = (float[])reference.Clone();
        nan[5] = float.NaN;
        Assert.Contains(
            "reference signal contains NaN (sample 5)",
            Assert.Throws<ArgumentException>(() => SptkMelCepstralDistance.Compute(nan, degraded, rate)).Message
        );
    }
}
