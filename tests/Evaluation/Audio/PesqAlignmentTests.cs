using Dino.Repro.Evaluation.Metrics.Audio;
using Dino.Repro.Evaluation.Metrics.Audio.Pesq;
using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation.Audio;

/// <summary>PESQ's time alignment on signals whose delays are known by construction.</summary>
public class PesqAlignmentTests
{
    private static double[] Read(string relative) => AudioMetricInput.ToDouble(WavFile.Read(TestData.PathOf(relative)).Channels[0]);

    [Theory]
    [InlineData(16000, "16k", 322)]
    [InlineData(8000, "8k", 161)]
    public void Finds_the_delay_of_a_shifted_noisy_copy_to_the_sample(int rate, string suffix, int shift)
    {
        var reference = Read($"audio/espeak_enus_clean_{suffix}.wav");
        var degraded = Read($"audio/espeak_enus_shift322_babble10dB_{suffix}.wav");
        var utterances = PerceptualEvaluationOfSpeechQuality.Utterances(reference, degraded, rate, PesqMode.Narrowband);
        Assert.NotEmpty(utterances);
        Assert.All(utterances, u => Assert.Equal(shift, u.Delay));
    }

    [Fact]
    public void A_copy_delayed_by_a_second_scores_as_the_identity()
    {
        var reference = Read("audio/espeak_enus_clean_8k.wav");
        var degraded = new double[8000]
            .Concat(reference)
            .ToArray();
        var utterances = PerceptualEvaluationOfSpeechQuality.Utterances(reference, degraded, 8000, PesqMode.Narrowband);
        Assert.All(utterances, u => Assert.Equal(8000, u.Delay));
        // Once aligned, the frames match: the maximum raw score, up to the float rounding of filters run over
        // different lengths (~1e-5).
        Assert.Equal(4.5, PerceptualEvaluationOfSpeechQuality.Compute(reference, degraded, 8000).RawMos, 1e-4);
    }

    [Fact]
    public void The_resplit_test_divides_an_utterance_at_a_delay_change()
    {
        var reference = Read("audio/espeak_enus_clean_16k.wav");
        // The sentence is a single utterance: with no delay change there is nothing to split.
        Assert.Single(PerceptualEvaluationOfSpeechQuality.Utterances(reference, reference, 16000, PesqMode.Narrowband));

        // 10 ms of silence inserted in the middle of the degraded copy: the part after it lags by 160 samples.
        var middle = reference.Length / 2;
        var degraded = reference[..middle].Concat(new double[160]).Concat(reference[middle..^160]).ToArray();
        var utterances = PerceptualEvaluationOfSpeechQuality.Utterances(reference, degraded, 16000, PesqMode.Narrowband);
        Assert.Equal(2, utterances.Count);
        Assert.Equal(0, utterances[0].Delay);
        Assert.Equal(160, utterances[^1].Delay);
        // The boundary between the delays falls where the silence was inserted (within one 32 ms frame).
        var boundary = utterances.First(u => u.Delay == 160).Start;
        Assert.InRange(boundary * 64 - PesqRate.SearchBufferWindows * 64, middle - 512, middle + 512);
    }

    [Fact]
    public void Voice_activity_marks_the_burst_and_not_the_silence_around_it()
    {
        var rate = PesqRate.For(8000);
        var random = new Random(3);
        // 1 s of near-silence, 1 s of loud noise, 1 s of near-silence.
        var samples = Enumerable
            .Range(0, 24000)
            .Select(t => (float)((t is >= 8000 and < 16000 ? 0.5 : 1e-4) * (random.NextDouble() * 2 - 1)))
            .ToArray();
        var vad = VoiceActivity.Detect(PesqSignal.FromSamples(samples, rate), rate);
        var burst = (first: (rate.SearchBuffer + 8000) / rate.Downsample, last: (rate.SearchBuffer + 16000) / rate.Downsample);
        for (var w = 0; w < vad.Level.Length; w++)
        {
            // Two windows at each edge are ramps (0.1, 0.3 × the level).
            if (w > burst.first + 1 && w < burst.last - 2)
                Assert.True(vad.Level[w] > 0, $"window {w} should be speech");
            if (w < burst.first - 3 || w > burst.last + 3)
                Assert.Equal(0f, vad.Level[w]);
        }
        Assert.All(vad.LogLevel, v => Assert.True(v >= 0));
    }
}
