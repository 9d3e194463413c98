namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>How the two cepstrum sequences are put frame to frame before they are compared.</summary>
public enum MelCepstralAlignment
{
    /// <summary>fastdtw 0.3.4, radius 10, Euclidean (mel-cepstral-distance's default).</summary>
    Dtw,

    /// <summary>The shorter sequence is zero-padded at the end to the longer one's frame count.</summary>
    Pad,

    /// <summary>Frame by frame; the two signals must give the same number of frames.</summary>
    None,
}

/// <summary>
/// An MCD score: <c>value</c> is the mean per-frame distance; <c>penalty</c> = 2 − (frames_reference +
/// frames_degraded)/aligned_frames, 0 when no frame had to be repeated or padded.
/// </summary>
public sealed record MelCepstralDistanceResult(double Value, double Penalty, int FramesReference, int FramesDegraded, int AlignedFrames);

/// <summary>
/// Mel-cepstral distance as mel-cepstral-distance 0.0.4 (Taubert) compare_audio_files with every default:
/// the cepstra of <see cref="TaubertMelCepstrum"/>, coefficients i = 2..16 (rows s = 1 to D − 1 = 15; MC_1,
/// the level term, is excluded), aligned by DTW on those coefficients, and per aligned frame the Euclidean norm
/// of the difference — no 10·√2/ln 10 dB factor — averaged over the aligned frames (Kubichek 1993, eq. 2).
/// </summary>
public static class MelCepstralDistance
{
    private const string Name = "MCD";
    private const int FirstCoefficient = 1; // s: 0-based row of MC_2
    private const int EndCoefficient = 16; // D: rows s..D−1 are compared
    public const int DtwRadius = 10;

    public static MelCepstralDistanceResult Compute(
        float[] reference,
        float[] degraded,
        int sampleRate,
        MelCepstralAlignment aligning = MelCepstralAlignment.Dtw
    ) => Compute(AudioMetricInput.ToDouble(reference), AudioMetricInput.ToDouble(degraded), sampleRate, aligning);

    public static MelCepstralDistanceResult Compute(
        double[] reference,
        double[] degraded,
        int sampleRate,
        MelCepstralAlignment aligning = MelCepstralAlignment.Dtw
    )
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(degraded);
        AudioMetricInput.RequirePositiveRate(sampleRate, Name);
        AudioMetricInput.RequireFinite(reference, "reference", Name);
        AudioMetricInput.RequireFinite(degraded, "degraded", Name);
        // Each signal is divided by its own peak: a silent one has none.
        AudioMetricInput.RequireNotSilent(reference, "reference", Name);
        AudioMetricInput.RequireNotSilent(degraded, "degraded", Name);
        var a = Coefficients(TaubertMelCepstrum.Compute(reference, sampleRate), "reference", sampleRate);
        var b = Coefficients(TaubertMelCepstrum.Compute(degraded, sampleRate), "degraded", sampleRate);

        var pairs = aligning switch
        {
            MelCepstralAlignment.Dtw => FastDtw.Align(a, b, DtwRadius).path,
            MelCepstralAlignment.Pad => Padded(a.Length, b.Length),
            MelCepstralAlignment.None => a.Length == b.Length
                ? Padded(a.Length, b.Length)
                : throw new ArgumentException($"{Name} without alignment needs equal frame counts: reference {a.Length}, degraded {b.Length} frames"),
            _ => throw new ArgumentOutOfRangeException(nameof(aligning), aligning, "unknown alignment"),
        };
        var zero = new double[EndCoefficient - FirstCoefficient];
        var distances = new double[pairs.Length];
        for (var k = 0; k < pairs.Length; k++)
        {
            var (i, j) = pairs[k];
            distances[k] = FrameDistance.Euclidean(i < a.Length ? a[i] : zero, j < b.Length ? b[j] : zero);
        }
        var penalty = 2 - (double)(a.Length + b.Length) / pairs.Length;
        return new MelCepstralDistanceResult(distances.Average(), penalty, a.Length, b.Length, pairs.Length);
    }

    /// <summary>MC_2..MC_16 of each frame.</summary>
    private static double[][] Coefficients(double[][] cepstra, string which, int sampleRate)
    {
        if (cepstra.Length == 0)
            throw new ArgumentException(
                $"{Name}: the {which} signal is shorter than one {TaubertMelCepstrum.WindowMs} ms frame "
                    + $"({TaubertMelCepstrum.Samples(TaubertMelCepstrum.WindowMs, sampleRate)} samples)"
            );
        return cepstra.Select(c => c[FirstCoefficient..EndCoefficient]).ToArray();
    }

    /// <summary>Frame k with frame k; indices past a sequence's end stand for zero frames.</summary>
    private static (int, int)[] Padded(int lengthA, int lengthB) => Enumerable.Range(0, Math.Max(lengthA, lengthB)).Select(k => (k, k)).ToArray();
}
