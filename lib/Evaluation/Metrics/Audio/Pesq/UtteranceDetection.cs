namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// Utterances of the reference from its VAD (P.862): runs of speech of at least 200 ms that overlap the
/// degraded signal once shifted by the crude delay; first with search windows widened by 300 ms, later with
/// boundaries moved to the middle of the gaps between neighbours.
/// </summary>
internal static class UtteranceDetection
{
    /// <summary>Shortest utterance, in envelope windows (200 ms).</summary>
    public const int MinWindows = 50;

    /// <summary>The utterances with their search windows (speech ± 300 ms, inside the signal).</summary>
    public static List<Utterance> SearchWindows(VoiceActivity reference, int degradedLength, int crudeDelay, PesqRate rate)
    {
        var utterances = new List<Utterance>();
        var windows = reference.Level.Length;
        foreach (var (start, end) in SpeechRuns(reference, degradedLength, crudeDelay, rate))
        {
            utterances.Add(
                new Utterance
                {
                    SearchStart = Math.Max(start - PesqRate.SearchBufferWindows, 0),
                    SearchEnd = Math.Min(end + PesqRate.SearchBufferWindows, windows - 1),
                }
            );
        }
        return utterances;
    }

    /// <summary>Sets each utterance's [Start, End): the signal ends for the outer bounds, midpoints of the gaps between
    /// neighbours, then moved so that no part of the degraded signal is read by two utterances or outside the signal.</summary>
    public static void SetBoundaries(List<Utterance> utterances, VoiceActivity reference, int degradedLength, int crudeDelay, PesqRate rate)
    {
        var ds = rate.Downsample;
        var sb = PesqRate.SearchBufferWindows;
        var runs = SpeechRuns(reference, degradedLength, crudeDelay, rate);
        for (var u = 0; u < utterances.Count; u++)
            (utterances[u].Start, utterances[u].End) = runs[u];

        var first = utterances[0];
        var last = utterances[^1];
        first.Start = sb;
        last.End = reference.Level.Length - sb;
        for (var u = 1; u < utterances.Count; u++)
        {
            var middle = (utterances[u].Start + utterances[u - 1].End) / 2;
            utterances[u].Start = middle;
            utterances[u - 1].End = middle;
        }

        if (first.Start * ds + first.Delay < sb * ds)
            first.Start = sb + (ds - 1 - first.Delay) / ds;
        if (last.End * ds + last.Delay > degradedLength - sb * ds)
            last.End = (degradedLength - last.Delay) / ds - sb;

        for (var u = 1; u < utterances.Count; u++)
        {
            var start = utterances[u].Start * ds + utterances[u].Delay;
            var previousEnd = utterances[u - 1].End * ds + utterances[u - 1].Delay;
            if (start >= previousEnd)
                continue;
            var middle = (start + previousEnd) / 2;
            utterances[u].Start = (ds - 1 + middle - utterances[u].Delay) / ds;
            utterances[u - 1].End = (middle - utterances[u - 1].Delay) / ds;
        }
    }

    /// <summary>[first, last] speech windows of each accepted run: at least <see cref="MinWindows"/> long and
    /// overlapping the degraded signal after the crude delay. A run still open at the last window ends there.</summary>
    private static List<(int start, int end)> SpeechRuns(VoiceActivity reference, int degradedLength, int crudeDelay, PesqRate rate)
    {
        var vad = reference.Level;
        var ds = rate.Downsample;
        var earliest = MinWindows - crudeDelay / ds;
        var latest = (degradedLength - crudeDelay) / ds - MinWindows;
        var runs = new List<(int, int)>();
        var inSpeech = false;
        var start = 0;
        for (var w = 0; w < vad.Length; w++)
        {
            if (vad[w] > 0 && !inSpeech)
            {
                inSpeech = true;
                start = w;
            }
            if ((vad[w] == 0 || w == vad.Length - 1) && inSpeech)
            {
                inSpeech = false;
                if (w - start >= MinWindows && start < latest && w > earliest)
                    runs.Add((start, w));
            }
        }
        return runs;
    }
}
