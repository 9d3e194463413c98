namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// The time alignment of P.862 on copies of the level-aligned, receive-filtered signals: IIR input
/// filter, VAD, crude delay of the whole signal, utterances, crude then fine delay per utterance, boundaries, and
/// the re-split test. The result is the list of utterances with their delays.
/// </summary>
internal static class TimeAlignment
{
    public static List<Utterance> Utterances(PesqSignal reference, PesqSignal degraded, PesqRate rate)
    {
        reference = reference.Clone();
        degraded = degraded.Clone();
        InputFilters.ForAlignment(reference, rate);
        InputFilters.ForAlignment(degraded, rate);
        var referenceVad = VoiceActivity.Detect(reference, rate);
        var degradedVad = VoiceActivity.Detect(degraded, rate);

        var crudeDelay = EnvelopeAlignment.WholeSignalDelay(referenceVad, degradedVad, rate);
        var utterances = UtteranceDetection.SearchWindows(referenceVad, degraded.Length, crudeDelay, rate);
        if (utterances.Count == 0)
            throw new ArgumentException(
                "pesq: no utterances detected: the reference has no stretch of speech of at least 200 ms that overlaps the degraded signal"
            );

        var correlation = new FrameCorrelation(rate.AlignFftLength);
        foreach (var utterance in utterances)
        {
            utterance.DelayEstimate = EnvelopeAlignment.SectionDelay(
                referenceVad,
                degradedVad,
                utterance.SearchStart,
                utterance.SearchEnd,
                crudeDelay,
                rate
            );
            FineAlignment.Apply(utterance, reference, degraded, correlation, rate);
        }
        UtteranceDetection.SetBoundaries(utterances, referenceVad, degraded.Length, crudeDelay, rate);
        new UtteranceSplitting(reference, degraded, referenceVad, degradedVad, correlation, rate).Apply(utterances);
        return utterances;
    }

    /// <summary>The delay of the utterance that holds reference sample <paramref name="sample"/>: the last one starting
    /// at or before it (the first utterance for samples before all of them).</summary>
    public static int DelayAt(List<Utterance> utterances, long sample, PesqRate rate)
    {
        for (var u = utterances.Count - 1; u >= 0; u--)
        {
            if ((long)utterances[u].Start * rate.Downsample <= sample)
                return utterances[u].Delay;
        }
        return utterances[0].Delay;
    }
}
