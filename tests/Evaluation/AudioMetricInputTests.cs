using Dino.Repro.Evaluation.Metrics.Audio;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>Bad input to STOI, extended STOI and MCD is an ArgumentException naming the problem, never a number.</summary>
public class AudioMetricInputTests
{
    private static double[] Tone(int length) => Enumerable.Range(0, length).Select(n => 0.5 * Math.Sin(n * 0.05)).ToArray();

    public static TheoryData<string> Metrics => new() { "stoi", "estoi", "mcd" };

    private static void Score(string metric, double[] reference, double[] degraded, int rate = 16000)
    {
        switch (metric)
        {
            case "stoi":
                ShortTimeObjectiveIntelligibility.Compute(reference, degraded, rate);
                break;
            case "estoi":
                ExtendedShortTimeObjectiveIntelligibility.Compute(reference, degraded, rate);
                break;
            default:
                MelCepstralDistance.Compute(reference, degraded, rate);
                break;
        }
    }

    [Theory]
    [InlineData("stoi")]
    [InlineData("estoi")]
    public void Length_mismatch_is_named(string metric)
    {
        var e = Assert.Throws<ArgumentException>(() => Score(metric, Tone(16000), Tone(15999)));
        Assert.Contains("lengths differ: 16000 vs 15999", e.Message);
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Silent_reference_is_named(string metric)
    {
        var e = Assert.Throws<ArgumentException>(() => Score(metric, new double[16000], Tone(16000)));
        Assert.Contains("reference signal is silent", e.Message);
    }

    [Fact]
    public void Silent_degraded_has_no_peak_for_mcd()
    {
        var e = Assert.Throws<ArgumentException>(() => Score("mcd", Tone(16000), new double[16000]));
        Assert.Contains("degraded signal is silent", e.Message);
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Nan_is_named_with_its_signal_and_sample(string metric)
    {
        var bad = Tone(16000);
        bad[123] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => Score(metric, Tone(16000), bad));
        Assert.Contains("degraded signal contains NaN (sample 123)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Score(metric, bad, Tone(16000)));
        Assert.Contains("reference signal contains NaN", e.Message);
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Infinity_is_named(string metric)
    {
        var bad = Tone(16000);
        bad[5] = double.PositiveInfinity;
        var e = Assert.Throws<ArgumentException>(() => Score(metric, Tone(16000), bad));
        Assert.Contains("infinite", e.Message);
    }

    [Fact]
    public void Mcd_needs_at_least_one_frame()
    {
        var e = Assert.Throws<ArgumentException>(() => Score("mcd", Tone(400), Tone(400)));
        Assert.Contains("shorter than one 32 ms frame (512 samples)", e.Message);
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Non_positive_rate_is_rejected(string metric) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Score(metric, Tone(16000), Tone(16000), rate: 0));
}
