using Dino.Repro.Evaluation.Metrics.Audio.Pesq;

namespace Dino.Repro.Tests.Evaluation.Audio;

/// <summary>The perceptual model's pieces against the closed forms of P.862 section 10.2 and P.862.1 / P.862.2.</summary>
public class PesqPerceptualModelTests
{
    private static readonly PesqRate Rate16k = PesqRate.For(16000);

    [Fact]
    public void Band_tables_cover_the_half_spectrum_of_a_32ms_frame()
    {
        foreach (var rate in new[] { PesqRate.For(8000), Rate16k })
        {
            Assert.Equal(rate.SampleRate / 1000 * 32, rate.FrameLength);
            // Bins 0..FrameLength/2 − 1: all but the Nyquist bin are grouped into bands.
            Assert.Equal(rate.FrameLength / 2, rate.Bands.BinsPerBand.Sum());
        }
        Assert.Equal(42, PesqRate.For(8000).Bands.Count);
        Assert.Equal(49, Rate16k.Bands.Count);
    }

    [Fact]
    public void A_bin_centred_sine_lands_in_its_band_with_the_hann_window_power()
    {
        var spectrum = new BarkSpectrum(Rate16k);
        var n = Rate16k.FrameLength;
        const int bin = 39; // 1218.75 Hz: the middle of band 26, which holds bins 38..40
        var data = Enumerable.Range(0, n).Select(t => (float)Math.Cos(2 * Math.PI * bin * t / n)).ToArray();
        var density = spectrum.Frame(data, 0);
        // A periodic Hann window spreads a bin-centred cosine over bins k−1, k, k+1 with amplitudes n/4, n/8, n/8:
        // power (n/4)² + 2 (n/8)² in the band, times its correction factor and Sp.
        var bands = Rate16k.Bands;
        var expected = (Math.Pow(n / 4.0, 2) + 2 * Math.Pow(n / 8.0, 2)) * bands.PowerDensityCorrection[26] * Rate16k.PowerScale;
        Assert.Equal(expected, density[26], expected * 1e-4);
        Assert.Equal(0.0, density.Where((_, b) => b != 26).Max(), expected * 1e-6);
    }

    [Fact]
    public void Loudness_follows_zwickers_law_above_the_hearing_threshold()
    {
        var model = new LoudnessModel(Rate16k);
        var bands = Rate16k.Bands;
        var input = bands.HearingThreshold.Select(p0 => (float)(4 * p0)).ToArray();
        input[10] = (float)(0.5 * bands.HearingThreshold[10]);
        var loudness = model.Density(input);
        foreach (var b in new[] { 0, 5, 20, 48 })
        {
            var z = bands.CentreBark[b];
            var gamma = 0.23 * Math.Pow(Math.Min(z < 4 ? 6 / (z + 2) : 1, 2), 0.15);
            var p0 = bands.HearingThreshold[b];
            var expected = Rate16k.LoudnessScale * Math.Pow(p0 / 0.5, gamma) * (Math.Pow(0.5 + 0.5 * 4, gamma) - 1);
            Assert.Equal(expected, loudness[b], Math.Abs(expected) * 1e-5);
        }
        Assert.Equal(0f, loudness[10]);
    }

    [Fact]
    public void Identical_frames_have_no_disturbance_and_a_silent_degraded_frame_only_a_symmetric_one()
    {
        var disturbance = new FrameDisturbance(Rate16k);
        var bands = Rate16k.Bands;
        var reference = bands.HearingThreshold.Select(p0 => (float)(1000 * p0)).ToArray();
        Assert.Equal((0f, 0f), disturbance.Compute(reference, (float[])reference.Clone()));

        // Degraded silent: loudness 0, so no deadzone, and the asymmetry factor (50 / (P_ref + 50))^1.2 < 3 is zeroed.
        var loud = new LoudnessModel(Rate16k).Density(reference);
        double sum = 0,
            width = 0;
        for (var b = 1; b < bands.Count; b++)
        {
            sum += Math.Pow(loud[b] * bands.WidthBark[b], 2);
            width += bands.WidthBark[b];
        }
        var (symmetric, asymmetric) = disturbance.Compute(reference, new float[bands.Count]);
        Assert.Equal(Math.Sqrt(sum / width) * width, symmetric, 1e-4 * symmetric);
        Assert.Equal(0f, asymmetric);
    }

    [Fact]
    public void Split_second_norm_is_l6_per_interval_then_l2_over_time()
    {
        const float c = 2.5f;
        var frames = Enumerable.Repeat(c, 40).ToArray();
        var weights = Enumerable.Repeat(1f, 40).ToArray();
        // Intervals start at frames 0, 10, 20, 30; the last holds 10 frames but still divides by 20.
        var last = c * Math.Pow(0.5, 1.0 / 6);
        var expected = Math.Sqrt((3 * c * c + last * last) / 4);
        Assert.Equal(expected, DisturbanceAggregation.SplitSecondNorm(frames, 0, 39, weights), 1e-5);
    }

    [Fact]
    public void No_disturbance_gives_the_maximum_raw_score()
    {
        var zeros = new float[30];
        var power = Enumerable.Repeat(1e7f, 30).ToArray();
        Assert.Equal(4.5f, DisturbanceAggregation.RawMos(zeros, new float[30], power, 0, 29, DisturbanceAggregation.TimeWeights(29, 29)));
    }

    [Fact]
    public void Time_weights_are_flat_up_to_1000_frames_then_rise_linearly()
    {
        Assert.All(DisturbanceAggregation.TimeWeights(999, 1000), w => Assert.Equal(1f, w));
        var weights = DisturbanceAggregation.TimeWeights(1599, 1600);
        var factor = 600.0 / 5500;
        Assert.Equal(1 - factor, weights[0], 1e-6);
        Assert.Equal(1 - factor + factor * 800 / 1600, weights[800], 1e-6);
        Assert.Equal(0.5, DisturbanceAggregation.TimeWeights(9999, 10000)[0], 1e-6); // the factor is capped at 0.5
    }

    [Theory]
    [InlineData(PesqMode.Narrowband, 1.4945, 4.6607)]
    [InlineData(PesqMode.Wideband, 1.3669, 3.8224)]
    public void Mos_lqo_mapping_is_the_logistic_of_p862_1_and_p862_2(PesqMode mode, double slope, double offset)
    {
        foreach (var raw in new[] { -0.5, 1.0, 2.5, 4.5 })
        {
            var expected = 0.999 + 4 / (1 + Math.Exp(-slope * raw + offset));
            Assert.Equal(expected, MosLqoMapping.Map((float)raw, mode), 1e-5);
        }
    }
}
