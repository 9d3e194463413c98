namespace Dino.Repro.Signal;

/// <summary>
/// Mel-cepstra of a whole signal, frame by frame, as ESPnet's evaluate_mcd.py (sptk_extract, is_padding=False)
/// frames it: frames of <c>frameLength</c> samples every <c>shift</c> from sample 0, no padding
/// (⌊(length − frameLength)/shift⌋ + 1 frames), each multiplied by SPTK's Hamming window with power
/// normalisation (pysptk.sptk.hamming, normalize=1: Σ w² = 1) and analysed by <see cref="MelCepstrum.Analyze"/>.
/// </summary>
public static class MelCepstrumFrames
{
    private const int BlockFrames = 256;

    /// <summary>Frames [frame][0..order]; a signal shorter than one frame is an error.</summary>
    public static double[][] Compute(
        ReadOnlySpan<double> samples,
        int frameLength,
        int shift,
        int order,
        double alpha,
        MelCepstrumOptions? options = null
    )
    {
        if (frameLength < 2)
            throw new ArgumentOutOfRangeException(nameof(frameLength), frameLength, "mcep frames: the frame length must be ≥ 2");
        if (shift < 1)
            throw new ArgumentOutOfRangeException(nameof(shift), shift, "mcep frames: the shift must be ≥ 1");
        if (samples.Length < frameLength)
            throw new ArgumentException(
                $"mcep frames: the signal has {samples.Length} samples, fewer than one {frameLength}-sample frame",
                nameof(samples)
            );
        var window = HammingPowerNormalised(frameLength);
        var count = (samples.Length - frameLength) / shift + 1;
        var cepstra = new List<double[]>(count);
        // Blocks of frames share the FFT calls; a block bounds the memory of a long signal.
        for (var first = 0; first < count; first += BlockFrames)
        {
            var block = new List<double[]>(BlockFrames);
            for (var f = first; f < Math.Min(count, first + BlockFrames); f++)
            {
                var frame = new double[frameLength];
                for (var i = 0; i < frameLength; i++)
                    frame[i] = samples[f * shift + i] * window[i];
                block.Add(frame);
            }
            cepstra.AddRange(MelCepstrum.Analyze(block, order, alpha, options));
        }
        return cepstra.ToArray();
    }

    /// <summary>SPTK window -w 1 -n 1: the symmetric Hamming window 0.54 − 0.46·cos(2πn/(N − 1)) scaled to unit energy.</summary>
    public static double[] HammingPowerNormalised(int length)
    {
        using var scope = torch.NewDisposeScope();
        var window = Stft.HammingWindow(length, periodic: false, ScalarType.Float64).ToArray<double>();
        var norm = Math.Sqrt(window.Sum(w => w * w));
        for (var i = 0; i < window.Length; i++)
            window[i] /= norm;
        return window;
    }
}
