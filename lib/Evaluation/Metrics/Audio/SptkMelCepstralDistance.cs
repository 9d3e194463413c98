using Dino.Repro.Signal;

namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>
/// Mel-cepstral distortion in dB on SPTK mel-cepstra, as ESPnet's egs2 pyscripts/utils/evaluate_mcd.py computes it:
/// each signal on the int16 scale (WAV samples × 32768, as ESPnet reads them), frames of 1024 samples every 256 with
/// no padding, SPTK's power-normalised Hamming window, mcep with eps 1e-6 and ESPnet's per-rate order and all-pass
/// constant (23 and 0.42 at 16 kHz). <see cref="McdVariant.Espnet"/> aligns the degraded (generated) frames to the
/// reference frames with fastdtw (radius 1, Euclidean, c0..c_M) and averages 10/ln 10·√(2·Σ (c_deg − c_ref)²) over
/// the path (Kubichek 1993's MCD with c0 kept); <see cref="McdVariant.SptkNoDtw"/> averages the same per-frame
/// distance over c1..c_M frame by frame.
/// </summary>
public static class SptkMelCepstralDistance
{
    private const string Name = "MCD (SPTK)";
    public const int FrameLength = 1024;
    public const int Shift = 256;
    public const int DtwRadius = 1;
    private static readonly double DecibelsPerNeper = 10 / Math.Log(10);

    /// <summary>ESPnet's _get_best_mcep_params: (order, α) per sample rate; other rates are an error there too.</summary>
    public static (int order, double alpha) Parameters(int sampleRate) =>
        sampleRate switch
        {
            16000 => (23, 0.42),
            22050 => (34, 0.45),
            24000 => (34, 0.46),
            44100 => (39, 0.53),
            48000 => (39, 0.55),
            _ => throw new ArgumentException(
                $"{Name}: ESPnet defines mcep order and all-pass constant only for 16000, 22050, 24000, 44100 and 48000 Hz, not {sampleRate} Hz; "
                    + "resample the audio or use the taubert variant"
            ),
        };

    public static MelCepstralDistanceResult Compute(float[] reference, float[] degraded, int sampleRate, McdVariant variant = McdVariant.Espnet)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(degraded);
        AudioMetricInput.RequirePositiveRate(sampleRate, Name);
        if (variant is not (McdVariant.Espnet or McdVariant.SptkNoDtw))
            throw new ArgumentOutOfRangeException(nameof(variant), variant, $"{Name} computes the espnet and sptk-nodtw variants");
        var (order, alpha) = Parameters(sampleRate);
        var gt = Extract(reference, "reference", order, alpha);
        var gen = Extract(degraded, "degraded", order, alpha);
        if (variant == McdVariant.SptkNoDtw)
        {
            if (gen.Length != gt.Length)
                throw new ArgumentException($"{Name} without DTW needs equal frame counts: reference {gt.Length}, degraded {gen.Length} frames");
            var sum = 0.0;
            for (var f = 0; f < gt.Length; f++)
                sum += Distance(gen[f], gt[f], first: 1);
            return new MelCepstralDistanceResult(sum / gt.Length, 0, gt.Length, gen.Length, gt.Length);
        }
        // fastdtw(gen_mcep, gt_mcep): x is the degraded sequence, y the reference.
        var path = FastDtw.Align(gen, gt, DtwRadius).path;
        var total = 0.0;
        foreach (var (i, j) in path)
            total += Distance(gen[i], gt[j], first: 0);
        var penalty = 2 - (double)(gt.Length + gen.Length) / path.Length;
        return new MelCepstralDistanceResult(total / path.Length, penalty, gt.Length, gen.Length, path.Length);
    }

    /// <summary>The mel-cepstra [frame][0..order] of one signal given as WAV samples in [−1, 1].</summary>
    public static double[][] Extract(float[] samples, string which, int order, double alpha)
    {
        var scaled = AudioMetricInput.ToDouble(samples);
        AudioMetricInput.RequireFinite(scaled, which, Name);
        if (scaled.Length < FrameLength)
            throw new ArgumentException($"{Name}: the {which} signal has {scaled.Length} samples, fewer than one {FrameLength}-sample frame");
        for (var i = 0; i < scaled.Length; i++)
            scaled[i] *= 32768;
        return MelCepstrumFrames.Compute(scaled, FrameLength, Shift, order, alpha, MelCepstrumOptions.Espnet);
    }

    /// <summary>10/ln 10 · √(2·Σ_{d ≥ first} (a_d − b_d)²).</summary>
    private static double Distance(double[] a, double[] b, int first) =>
        DecibelsPerNeper * Math.Sqrt(2 * FrameDistance.SquaredEuclidean(a, b, first));
}
