namespace Dino.Repro.Signal;

/// <summary>Area normalisation of the mel triangles.</summary>
public enum MelNorm
{
    /// <summary>Peak 1 (torchaudio's default norm=None; HTK).</summary>
    None,

    /// <summary>Each triangle scaled by 2 / (its width in Hz), so all have the same area (librosa's default norm="slaney").</summary>
    Slaney,
}

/// <summary>
/// Triangular mel filterbanks, defined as torchaudio.functional.melscale_fbanks (0.13): n_mels + 2 points evenly
/// spaced in mel from mel(f_min) to mel(f_max), mapped back to Hz (f_pts); the FFT bin frequencies are
/// linspace(0, sample_rate // 2, n_freqs) (or, with <c>floatNyquist</c>, librosa's linspace(0, sample_rate / 2, n_freqs)); filter m
/// is max(0, min((f − f_m)/(f_{m+1} − f_m), (f_{m+2} − f)/(f_{m+2} − f_{m+1}))). Computed in float64, returned as float32
/// [n_freqs, n_mels].
/// </summary>
public static class MelFilterbank
{
    public static double[,] Weights(
        int nFreqs,
        double fMin,
        double fMax,
        int nMels,
        int sampleRate,
        MelNorm norm = MelNorm.None,
        MelScaleKind scale = MelScaleKind.Htk,
        bool floatNyquist = false
    )
    {
        if (nFreqs < 2)
            throw new ArgumentOutOfRangeException(nameof(nFreqs), nFreqs, "a filterbank needs at least 2 frequency bins");
        if (nMels < 1)
            throw new ArgumentOutOfRangeException(nameof(nMels), nMels, "a filterbank needs at least one mel band");
        if (sampleRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "the sample rate must be positive");
        if (!(fMin >= 0 && fMin < fMax))
            throw new ArgumentException($"the mel range must satisfy 0 ≤ f_min < f_max, not f_min {fMin}, f_max {fMax}");

        // torchaudio: all_freqs = torch.linspace(0, sample_rate // 2, n_freqs) — integer Nyquist; librosa: sr / 2.
        var nyquist = floatNyquist ? sampleRate / 2.0 : sampleRate / 2;
        var bins = new double[nFreqs];
        for (var k = 0; k < nFreqs; k++)
            bins[k] = nyquist * k / (nFreqs - 1);

        var melMin = MelScale.HzToMel(fMin, scale);
        var melMax = MelScale.HzToMel(fMax, scale);
        var points = new double[nMels + 2];
        for (var m = 0; m < points.Length; m++)
            points[m] = MelScale.MelToHz(melMin + (melMax - melMin) * m / (nMels + 1), scale);

        var weights = new double[nFreqs, nMels];
        for (var m = 0; m < nMels; m++)
        {
            double left = points[m],
                centre = points[m + 1],
                right = points[m + 2];
            var area = norm == MelNorm.Slaney ? 2.0 / (right - left) : 1.0;
            for (var k = 0; k < nFreqs; k++)
            {
                var rising = (bins[k] - left) / (centre - left);
                var falling = (right - bins[k]) / (right - centre);
                weights[k, m] = Math.Max(0, Math.Min(rising, falling)) * area;
            }
        }
        return weights;
    }

    /// <summary>The filterbank as a float32 tensor [n_freqs, n_mels] (mel = specgramᵀ · fb, as torchaudio's MelScale).</summary>
    public static Tensor Create(
        int nFreqs,
        double fMin,
        double fMax,
        int nMels,
        int sampleRate,
        MelNorm norm = MelNorm.None,
        MelScaleKind scale = MelScaleKind.Htk,
        Device? device = null,
        bool floatNyquist = false
    )
    {
        var weights = Weights(nFreqs, fMin, fMax, nMels, sampleRate, norm, scale, floatNyquist);
        var flat = new float[weights.Length];
        for (var k = 0; k < nFreqs; k++)
        for (var m = 0; m < nMels; m++)
            flat[k * nMels + m] = (float)weights[k, m];
        var fb = torch.tensor(flat, new long[] { nFreqs, nMels });
        if (device is not { type: DeviceType.CUDA } target)
            return fb;
        using (fb)
            return fb.to(target);
    }
}
