using Dino.Repro.Evaluation.Metrics.Audio.Pesq;
using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation.Audio;

/// <summary>PESQ on the identity pair and on inputs it cannot score: each is an error naming the problem.</summary>
public class PesqInputTests
{
    private static float[] Clean(string suffix) => WavFile.Read(TestData.PathOf($"audio/espeak_enus_clean_{suffix}.wav")).Channels[0];

    [Theory]
    [InlineData(16000, "16k", PesqMode.Narrowband, "pesq_nb_mos_lqo")]
    [InlineData(8000, "8k", PesqMode.Narrowband, "pesq_nb_mos_lqo")]
    [InlineData(16000, "16k", PesqMode.Wideband, "pesq_wb_mos_lqo")]
    public void Identical_signals_score_the_maximum(int rate, string suffix, PesqMode mode, string key)
    {
        var clean = Clean(suffix);
        var result = PerceptualEvaluationOfSpeechQuality.Compute(clean, (float[])clean.Clone(), rate, mode);
        // No disturbance at all: raw 4.5 exactly, mapped to 0.999 + 4 / (1 + e^(−a·4.5 + b)).
        Assert.Equal(4.5, result.RawMos);
        var expected = TestData.Case($"audio/espeak_enus_identity_{suffix}")[key]!.GetValue<double>();
        Assert.Equal(expected, result.MosLqo, 1e-6);
        Assert.Equal(1, result.Utterances);
    }

    [Fact]
    public void Wideband_mode_at_8kHz_is_an_error()
    {
        var clean = Clean("8k");
        var error = Assert.Throws<ArgumentException>(() => PerceptualEvaluationOfSpeechQuality.Compute(clean, clean, 8000, PesqMode.Wideband));
        Assert.Contains("wideband mode (P.862.2) needs 16000 Hz audio, got 8000 Hz", error.Message);
    }

    [Fact]
    public void Rates_other_than_8_and_16kHz_are_an_error()
    {
        var signal = new float[22050];
        signal[100] = 1;
        var error = Assert.Throws<ArgumentException>(() => PerceptualEvaluationOfSpeechQuality.Compute(signal, signal, 22050));
        Assert.Contains("sample rate 22050 Hz is not supported; P.862 needs 8000 or 16000 Hz", error.Message);
    }

    [Fact]
    public void Signals_shorter_than_a_quarter_second_are_an_error()
    {
        var clean = Clean("16k");
        var error = Assert.Throws<ArgumentException>(() => PerceptualEvaluationOfSpeechQuality.Compute(clean, clean[..3999], 16000));
        Assert.Contains(
            "the degraded signal is 3999 samples long; P.862 needs at least a quarter of a second (4000 samples at 16000 Hz)",
            error.Message
        );
    }

    [Fact]
    public void A_silent_reference_is_an_error()
    {
        var clean = Clean("8k");
        var error = Assert.Throws<ArgumentException>(() => PerceptualEvaluationOfSpeechQuality.Compute(new float[clean.Length], clean, 8000));
        Assert.Contains("the reference signal is silent", error.Message);
    }

    [Fact]
    public void Nan_samples_are_an_error()
    {
        var clean = Clean("8k");
        var degraded = (float[])clean.Clone();
        degraded[1234] = float.NaN;
        var error = Assert.Throws<ArgumentException>(() => PerceptualEvaluationOfSpeechQuality.Compute(clean, degraded, 8000));
        Assert.Contains("the degraded signal contains NaN (sample 1234)", error.Message);
    }

    [Fact]
    public void A_reference_without_an_utterance_is_an_error()
    {
        // One 120 ms click of noise in near-silence: speech shorter than the 200 ms an utterance needs.
        var random = new Random(5);
        var signal = Enumerable.Range(0, 8000).Select(t => (float)((t is >= 4000 and < 4960 ? 0.5 : 1e-4) * (random.NextDouble() * 2 - 1))).ToArray();
        var error = Assert.Throws<ArgumentException>(() => PerceptualEvaluationOfSpeechQuality.Compute(signal, signal, 8000));
        Assert.Contains("no utterances detected", error.Message);
    }

    [Fact]
    public void Signals_of_different_lengths_are_scored()
    {
        // P.862 pads the shorter signal; trailing silence on the degraded copy barely changes the score.
        var clean = Clean("8k");
        var longer = clean.Concat(new float[2000]).ToArray();
        var result = PerceptualEvaluationOfSpeechQuality.Compute(clean, longer, 8000);
        Assert.InRange(result.MosLqo, 4.0, 4.6);
    }
}
