namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// PESQ, ITU-T P.862 (narrowband, with the P.862.1 MOS-LQO mapping) and P.862.2 (wideband), computed as the ITU
/// reference code packaged in python-pesq 0.0.3 computes it: both signals are first divided by the larger of their
/// peak magnitudes and rounded to float32. Level alignment, input filter (IRS receive or the P.862.2 high-pass),
/// time alignment per utterance, perceptual model, raw score, mapping.
/// </summary>
public static class PerceptualEvaluationOfSpeechQuality
{
    private const string Name = "pesq";

    /// <summary>Scores <paramref name="degraded"/> against <paramref name="reference"/> (mono, 8000 or 16000 Hz; the lengths
    /// may differ). Unscorable input — another rate, wideband at 8 kHz, under ¼ s, silence, NaN, no utterance — is an
    /// <see cref="ArgumentException"/> naming the problem.</summary>
    public static PesqResult Compute(float[] reference, float[] degraded, int sampleRate, PesqMode mode = PesqMode.Narrowband) =>
        Compute(AudioMetricInput.ToDouble(reference), AudioMetricInput.ToDouble(degraded), sampleRate, mode);

    /// <inheritdoc cref="Compute(float[], float[], int, PesqMode)"/>
    public static PesqResult Compute(double[] reference, double[] degraded, int sampleRate, PesqMode mode = PesqMode.Narrowband)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(degraded);
        var rate = PesqRate.For(sampleRate);
        if (mode == PesqMode.Wideband && sampleRate != 16000)
            throw new ArgumentException($"pesq: wideband mode (P.862.2) needs 16000 Hz audio, got {sampleRate} Hz");
        AudioMetricInput.RequireFinite(reference, "reference", Name);
        AudioMetricInput.RequireFinite(degraded, "degraded", Name);
        RequireQuarterSecond(reference, "reference", sampleRate);
        RequireQuarterSecond(degraded, "degraded", sampleRate);
        AudioMetricInput.RequireNotSilent(reference, "reference", Name);
        AudioMetricInput.RequireNotSilent(degraded, "degraded", Name);

        var (refSignal, degSignal) = Prepared(reference, degraded, rate, mode);
        var utterances = TimeAlignment.Utterances(refSignal, degSignal, rate);
        var longer = Math.Max(refSignal.Length, degSignal.Length);
        refSignal.ExtendTo(longer, rate);
        degSignal.ExtendTo(longer, rate);
        var raw = new PerceptualModel(rate).RawMos(refSignal, degSignal, utterances);
        if (!float.IsFinite(raw))
            throw new ArgumentException("pesq: the reference has no frame above the silence criterion to score (is it only a DC offset or hum?)");
        return new PesqResult(MosLqoMapping.Map(raw, mode), raw, mode, sampleRate, utterances.Count);
    }

    /// <summary>The utterances found by the time alignment, with their delays (for inspection and tests; inputs unchecked).</summary>
    internal static List<Utterance> Utterances(double[] reference, double[] degraded, int sampleRate, PesqMode mode)
    {
        var rate = PesqRate.For(sampleRate);
        var (refSignal, degSignal) = Prepared(reference, degraded, rate, mode);
        return TimeAlignment.Utterances(refSignal, degSignal, rate);
    }

    /// <summary>Normalised, level-aligned and passed through the mode's listening filter.</summary>
    private static (PesqSignal reference, PesqSignal degraded) Prepared(double[] reference, double[] degraded, PesqRate rate, PesqMode mode)
    {
        var (refSignal, degSignal) = Normalised(reference, degraded, rate);
        var longer = Math.Max(refSignal.Length, degSignal.Length);
        LevelAlignment.Apply(refSignal, longer, rate, "reference");
        LevelAlignment.Apply(degSignal, longer, rate, "degraded");
        foreach (var signal in new[] { refSignal, degSignal })
        {
            if (mode == PesqMode.Narrowband)
                InputFilters.IrsReceive(signal, rate);
            else
                InputFilters.Wideband(signal, rate);
        }
        return (refSignal, degSignal);
    }

    /// <summary>Both signals divided by the larger peak magnitude and rounded to float32 (python-pesq's input step).</summary>
    private static (PesqSignal reference, PesqSignal degraded) Normalised(double[] reference, double[] degraded, PesqRate rate)
    {
        var peak = 0.0;
        foreach (var x in reference)
            peak = Math.Max(peak, Math.Abs(x));
        foreach (var x in degraded)
            peak = Math.Max(peak, Math.Abs(x));
        float[] Scaled(double[] x) => x.Select(v => (float)(v / peak)).ToArray();
        return (PesqSignal.FromSamples(Scaled(reference), rate), PesqSignal.FromSamples(Scaled(degraded), rate));
    }

    /// <summary>P.862 needs at least a quarter of a second of each signal.</summary>
    private static void RequireQuarterSecond(double[] samples, string which, int sampleRate)
    {
        if (samples.Length < sampleRate / 4)
            throw new ArgumentException(
                $"{Name}: the {which} signal is {samples.Length} samples long; P.862 needs at least a quarter of a second ({sampleRate / 4} "
                    + $"samples at {sampleRate} Hz)"
            );
    }
}
