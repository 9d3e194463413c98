using Dino.Repro.Evaluation.Metrics.Audio;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>
/// Cases whose answer follows from the definitions: identical inputs, gain invariance, too-short input, frame counts, the resampler's design.
/// </summary>
public class AudioMetricClosedFormTests
{
    /// <summary>2 s of noise under a 4 Hz syllable-rate envelope: speech-like level changes, no silence.</summary>
    private static double[] SpeechLikeNoise(int sampleRate, double seconds = 2, int seed = 7, double envelopePhase = 0)
    {
        var random = new Random(seed);
        var x = new double[(int)(seconds * sampleRate)];
        for (var n = 0; n < x.Length; n++)
        {
            var envelope = 0.05 + Math.Pow(Math.Sin(Math.PI * 4 * n / sampleRate + envelopePhase), 2);
            x[n] = 0.3 * envelope * (random.NextDouble() * 2 - 1);
        }
        return x;
    }

    [Theory]
    [InlineData(16000)]
    [InlineData(8000)]
    [InlineData(10000)]
    public void Identical_inputs_give_stoi_and_estoi_of_one(int rate)
    {
        var x = SpeechLikeNoise(rate);
        Assert.Equal(1, ShortTimeObjectiveIntelligibility.Compute(x, x, rate).Value, 1e-12);
        Assert.Equal(1, ExtendedShortTimeObjectiveIntelligibility.Compute(x, x, rate).Value, 1e-12);
    }

    [Fact]
    public void Stoi_ignores_the_degraded_level()
    {
        // The degraded envelope is normalised to the reference energy per segment and band (Taal 2011, eq. 3),
        // and ESTOI normalises rows and columns, so a gain changes neither.
        var x = SpeechLikeNoise(16000);
        var quieter = x.Select(v => v * 0.25).ToArray();
        Assert.Equal(1, ShortTimeObjectiveIntelligibility.Compute(x, quieter, 16000).Value, 1e-12);
        Assert.Equal(1, ExtendedShortTimeObjectiveIntelligibility.Compute(x, quieter, 16000).Value, 1e-12);
    }

    [Fact]
    public void Noise_whose_envelope_is_out_of_step_scores_far_below_a_clean_copy()
    {
        // STOI correlates band envelopes (Taal 2011, eq. 4): other noise with the syllable envelope shifted by half
        // its period peaks where the reference dips, so the correlations are negative.
        var x = SpeechLikeNoise(16000, seed: 1);
        var other = SpeechLikeNoise(16000, seed: 2, envelopePhase: Math.PI / 2);
        Assert.InRange(ShortTimeObjectiveIntelligibility.Compute(x, other, 16000).Value, -1, 0);
        Assert.InRange(ExtendedShortTimeObjectiveIntelligibility.Compute(x, other, 16000).Value, -1, 0);
    }

    [Fact]
    public void A_silent_degraded_signal_scores_zero()
    {
        // Every degraded envelope is 0, so every correlation is 0 (STOI: 0/(0 + eps); ESTOI: zero rows stay zero).
        var x = SpeechLikeNoise(16000);
        Assert.Equal(0, ShortTimeObjectiveIntelligibility.Compute(x, new double[x.Length], 16000).Value);
        Assert.Equal(0, ExtendedShortTimeObjectiveIntelligibility.Compute(x, new double[x.Length], 16000).Value);
    }

    [Fact]
    public void Fewer_than_thirty_frames_give_pystois_placeholder_and_a_warning()
    {
        // 0.3 s at 10 kHz: (3000 − 256)/128 → 22 frames, fewer than one 30-frame segment.
        var x = SpeechLikeNoise(10000, seconds: 0.3);
        foreach (
            var result in new[]
            {
                ShortTimeObjectiveIntelligibility.Compute(x, x, 10000),
                ExtendedShortTimeObjectiveIntelligibility.Compute(x, x, 10000),
            }
        )
        {
            Assert.Equal(1e-5, result.Value);
            Assert.Equal(0, result.Segments);
            Assert.True(result.Frames < 30);
            Assert.Contains("30", result.Warning);
        }
    }

    [Theory]
    [InlineData(MelCepstralAlignment.Dtw)]
    [InlineData(MelCepstralAlignment.Pad)]
    [InlineData(MelCepstralAlignment.None)]
    public void Identical_or_rescaled_inputs_give_mcd_zero(MelCepstralAlignment aligning)
    {
        // Each signal is divided by its own peak, so a power-of-two gain leaves the cepstra bit-identical.
        var x = SpeechLikeNoise(16000);
        var half = x.Select(v => v * 0.5).ToArray();
        foreach (var y in new[] { x, half })
        {
            var result = MelCepstralDistance.Compute(x, y, 16000, aligning);
            Assert.Equal(0, result.Value);
            Assert.Equal(0, result.Penalty);
            Assert.Equal(result.FramesReference, result.AlignedFrames);
        }
    }

    [Fact]
    public void Mcd_frame_counts_follow_the_32_ms_window_and_8_ms_hop()
    {
        // 16 kHz: window 512, hop 128, frames start at 0, 128, … while start < 32000 − 512 → ⌈31488/128⌉ = 246.
        var x = SpeechLikeNoise(16000);
        Assert.Equal(246, MelCepstralDistance.Compute(x, x, 16000).FramesReference);
    }

    [Fact]
    public void Mcd_pads_the_shorter_signal_with_zero_frames()
    {
        var x = SpeechLikeNoise(16000);
        var shorter = x[..16000];
        var padded = MelCepstralDistance.Compute(x, shorter, 16000, MelCepstralAlignment.Pad);
        // 246 and ⌈15488/128⌉ = 121 frames, aligned to 246: penalty 2 − 367/246.
        Assert.Equal(121, padded.FramesDegraded);
        Assert.Equal(246, padded.AlignedFrames);
        Assert.Equal(2 - 367.0 / 246, padded.Penalty, 15);
        var dtw = MelCepstralDistance.Compute(x, shorter, 16000, MelCepstralAlignment.Dtw);
        Assert.True(dtw.AlignedFrames >= 246);
        Assert.Throws<ArgumentException>(() => MelCepstralDistance.Compute(x, shorter, 16000, MelCepstralAlignment.None));
    }

    [Fact]
    public void Octave_filter_has_the_designed_length_and_unit_sum()
    {
        // 10000/16000 = 5/8: cutoff 1/16, roll-off 1/160, L = ⌈52/(28.714/160)⌉ = 290 → 581 taps.
        // 10000/8000 = 5/4: cutoff 1/10, roll-off 1/100, L = ⌈5200/28.714⌉ = 182 → 365 taps.
        Assert.Equal(581, OctaveResampler.Filter(10000, 16000).Length);
        Assert.Equal(365, OctaveResampler.Filter(10000, 8000).Length);
        Assert.Equal(1, OctaveResampler.Filter(10000, 16000).Sum(), 14);
        // resample_poly's output length is ⌈n·up/down⌉.
        Assert.Equal(31000, OctaveResampler.Resample(new double[49600], 10000, 16000).Length);
        Assert.Equal(37122, OctaveResampler.Resample(new double[29697], 10000, 8000).Length);
    }

    [Fact]
    public void Octave_resampler_keeps_a_passband_tone()
    {
        // A 1 kHz tone at 16 kHz resampled to 10 kHz is the same tone sampled at 10 kHz (away from the edges).
        var x = Enumerable.Range(0, 16000).Select(n => Math.Sin(2 * Math.PI * 1000 * n / 16000)).ToArray();
        var y = OctaveResampler.Resample(x, 10000, 16000);
        for (var n = 1000; n < 9000; n++)
            Assert.Equal(Math.Sin(2 * Math.PI * 1000 * n / 10000), y[n], 1e-3);
    }
}
