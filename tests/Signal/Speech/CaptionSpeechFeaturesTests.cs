using Dino.Repro.Signal.Speech;

namespace Dino.Repro.Tests.Signal.Speech;

public class CaptionSpeechFeaturesTests
{
    [Fact]
    public void The_features_are_the_reference_front_end_computed_by_hand_then_padded_with_zero_db()
    {
        // 0.3 s: a 440 Hz tone in noise (4,800 samples → 31 centred frames).
        var random = new Random(7);
        var samples = Enumerable
            .Range(0, 4800)
            .Select(n => (float)(0.3 * Math.Sin(2 * Math.PI * 440 * n / 16000.0) + 0.05 * (random.NextDouble() - 0.5) + 0.02))
            .ToArray();
        var (features, frames) = CaptionSpeechFeatures.Of(samples, targetFrames: 40);
        using var _ = features;
        Assert.Equal(31, frames);
        Assert.Equal(new long[] { 40, 40 }, features.shape);

        // By hand in doubles: mean removed, y[n] = x[n] − 0.97·x[n − 1] (y[0] = x[0]), numpy-reflect padding of 200,
        // symmetric Hamming, |DFT|² at 201 bins, librosa's Slaney filterbank (shared test data), dB relative to the maximum.
        var mean = samples.Average(s => (double)s);
        var x = samples.Select(s => s - mean).ToArray();
        var y = x.Select((v, n) => n == 0 ? v : v - 0.97 * x[n - 1]).ToArray();
        double Padded(int i) =>
            i < 200 ? y[200 - i]
            : i - 200 < y.Length ? y[i - 200]
            : y[2 * (y.Length - 1) - (i - 200)];
        var window = Enumerable.Range(0, 400).Select(n => 0.54 - 0.46 * Math.Cos(2 * Math.PI * n / 399)).ToArray();
        var bank = SharedTestData.Floats("mel/fbank_201_16000_40_slaney_slaney.f32"); // [201, 40]
        var mel = new double[40, 31];
        for (var t = 0; t < 31; t++)
        for (var k = 0; k <= 200; k++)
        {
            double re = 0,
                im = 0;
            for (var n = 0; n < 400; n++)
            {
                var v = Padded(t * 160 + n) * window[n];
                re += v * Math.Cos(2 * Math.PI * k * n / 400);
                im -= v * Math.Sin(2 * Math.PI * k * n / 400);
            }
            for (var m = 0; m < 40; m++)
                mel[m, t] += bank[k * 40 + m] * (re * re + im * im);
        }
        var top = 10 * Math.Log10(Math.Max(mel.Cast<double>().Max(), 1e-10));
        var got = features.to(ScalarType.Float64).data<double>().ToArray();
        for (var m = 0; m < 40; m++)
        {
            for (var t = 0; t < 31; t++)
                Assert.Equal(Math.Max(10 * Math.Log10(Math.Max(mel[m, t], 1e-10)) - top, -80), got[m * 40 + t], 2);
            for (var t = 31; t < 40; t++)
                Assert.Equal(0, got[m * 40 + t]); // padding: 0 dB, the loudest level, as the reference
        }
    }

    [Fact]
    public void A_long_utterance_is_cut_to_the_target_and_an_empty_one_is_refused()
    {
        var samples = Enumerable.Range(0, 16000).Select(n => (float)Math.Sin(n * 0.05)).ToArray();
        var (features, frames) = CaptionSpeechFeatures.Of(samples, targetFrames: 64);
        using var _ = features;
        Assert.Equal(64, frames);
        Assert.Equal(new long[] { 40, 64 }, features.shape);
        Assert.Throws<ArgumentException>(() => CaptionSpeechFeatures.Of([]));
    }
}
