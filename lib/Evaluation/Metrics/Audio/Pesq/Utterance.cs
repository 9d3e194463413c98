namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// One utterance of the reference as the time alignment tracks it. Positions are in envelope windows
/// (<see cref="PesqRate.Downsample"/> samples), delays in samples (positive: the degraded signal lags).
/// </summary>
internal sealed record Utterance
{
    /// <summary>Window range searched for this utterance's delay.</summary>
    public int SearchStart { get; set; }
    public int SearchEnd { get; set; }

    /// <summary>Window range the utterance covers once neighbouring utterances share their gaps.</summary>
    public int Start { get; set; }
    public int End { get; set; }

    /// <summary>Delay from the envelope cross-correlation (a multiple of the window length).</summary>
    public int DelayEstimate { get; set; }

    /// <summary>Delay refined to one sample by the frame-delay histogram.</summary>
    public int Delay { get; set; }

    /// <summary>Height of the smoothed histogram peak: the confidence of <see cref="Delay"/>.</summary>
    public float DelayConfidence { get; set; }
}
