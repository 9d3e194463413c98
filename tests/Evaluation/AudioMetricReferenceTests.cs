using Dino.Repro.Evaluation.Metrics.Audio;
using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>
/// STOI, extended STOI and MCD against the reference values in shared/testdata/expected.json (pystoi 0.4.1,
/// mel-cepstral-distance 0.0.4). The ports agree to ~1e-14; the tolerance, 1e-9 (absolute for STOI/ESTOI,
/// relative for MCD), is tighter than the README's suggested 1e-6 yet leaves room for summation-order
/// differences, and still catches a different resampler (~1e-3) or a different DTW path.
/// </summary>
public class AudioMetricReferenceTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> Cases =>
        new()
        {
            "audio/pesq_speech_bab0dB_16k",
            "audio/pesq_speech_bab0dB_8k",
            "audio/espeak_enus_white5dB_16k",
            "audio/espeak_enus_white5dB_8k",
            "audio/espeak_enus_lowpass1500_16k",
            "audio/espeak_enus_lowpass1500_8k",
            "audio/espeak_enus_shift322_babble10dB_16k",
            "audio/espeak_enus_shift322_babble10dB_8k",
            "audio/espeak_enus_identity_16k",
            "audio/espeak_enus_identity_8k",
        };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stoi_matches_pystoi(string name)
    {
        var (expected, reference, degraded, rate) = Load(name);
        var result = ShortTimeObjectiveIntelligibility.Compute(reference, degraded, rate);
        Assert.Null(result.Warning);
        AssertClose(expected["stoi"]!.GetValue<double>(), result.Value, Tolerance, $"{name} stoi");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Estoi_matches_pystoi(string name)
    {
        var (expected, reference, degraded, rate) = Load(name);
        var result = ExtendedShortTimeObjectiveIntelligibility.Compute(reference, degraded, rate);
        Assert.Null(result.Warning);
        AssertClose(expected["estoi"]!.GetValue<double>(), result.Value, Tolerance, $"{name} estoi");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mcd_with_dtw_matches_mel_cepstral_distance(string name)
    {
        var (expected, reference, degraded, rate) = Load(name);
        var result = MelCepstralDistance.Compute(reference, degraded, rate, MelCepstralAlignment.Dtw);
        AssertRelative(expected["mcd_taubert"]!.GetValue<double>(), result.Value, $"{name} mcd_taubert");
        AssertRelative(expected["mcd_taubert_penalty"]!.GetValue<double>(), result.Penalty, $"{name} mcd_taubert_penalty");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mcd_with_padding_matches_mel_cepstral_distance(string name)
    {
        var (expected, reference, degraded, rate) = Load(name);
        var result = MelCepstralDistance.Compute(reference, degraded, rate, MelCepstralAlignment.Pad);
        AssertRelative(expected["mcd_taubert_pad"]!.GetValue<double>(), result.Value, $"{name} mcd_taubert_pad");
        AssertRelative(expected["mcd_taubert_pad_penalty"]!.GetValue<double>(), result.Penalty, $"{name} mcd_taubert_pad_penalty");
        // Equal lengths give equal frame counts, so frame-by-frame is the padded value.
        Assert.Equal(result.Value, MelCepstralDistance.Compute(reference, degraded, rate, MelCepstralAlignment.None).Value);
    }

    /// <summary>A testdata audio case: its expected.json entry and both files' mono samples (shared with the other audio metric tests).</summary>
    internal static (System.Text.Json.Nodes.JsonObject expected, float[] reference, float[] degraded, int rate) Load(string name)
    {
        var expected = TestData.Case(name);
        var reference = WavFile.Read(TestData.PathOf(expected["reference"]!.GetValue<string>()));
        var degraded = WavFile.Read(TestData.PathOf(expected["degraded"]!.GetValue<string>()));
        Assert.Equal(expected["sample_rate"]!.GetValue<int>(), reference.SampleRate);
        return (expected, reference.Channels[0], degraded.Channels[0], reference.SampleRate);
    }

    private static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
            throw new Xunit.Sdk.XunitException(
                $"{what}: expected {expected:G17}, got {actual:G17} (difference {actual - expected:G3}, tolerance {tolerance:G3})"
            );
    }

    /// <summary>Relative, with a 1e-12 absolute floor for reference values of 0.</summary>
    private static void AssertRelative(double expected, double actual, string what) =>
        AssertClose(expected, actual, 1e-12 + Tolerance * Math.Abs(expected), what);
}
