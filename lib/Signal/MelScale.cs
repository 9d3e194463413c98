namespace Dino.Repro.Signal;

/// <summary>The two mel scales torchaudio and librosa offer.</summary>
public enum MelScaleKind
{
    /// <summary>HTK (O'Shaughnessy 1987): mel = 2595·log10(1 + f/700).</summary>
    Htk,

    /// <summary>Slaney's Auditory Toolbox (librosa's default): linear below 1 kHz (3 mel per 200 Hz), logarithmic above.</summary>
    Slaney,
}

/// <summary>Hz ↔ mel, exactly as torchaudio.functional._hz_to_mel / _mel_to_hz (and librosa.hz_to_mel / mel_to_hz).</summary>
public static class MelScale
{
    // Slaney: f_sp = 200/3 Hz per mel below 1 kHz; above, log steps of ln(6.4)/27 per mel (6.4× per 27 mel).
    private const double SlaneyHzPerMel = 200.0 / 3;
    private const double SlaneyBreakHz = 1000.0;
    private const double SlaneyBreakMel = SlaneyBreakHz / SlaneyHzPerMel; // 15
    private static readonly double SlaneyLogStep = Math.Log(6.4) / 27.0;

    public static double HzToMel(double hz, MelScaleKind scale = MelScaleKind.Htk)
    {
        if (scale == MelScaleKind.Htk)
            return 2595.0 * Math.Log10(1.0 + hz / 700.0);
        return hz >= SlaneyBreakHz ? SlaneyBreakMel + Math.Log(hz / SlaneyBreakHz) / SlaneyLogStep : hz / SlaneyHzPerMel;
    }

    public static double MelToHz(double mel, MelScaleKind scale = MelScaleKind.Htk)
    {
        if (scale == MelScaleKind.Htk)
            return 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);
        return mel >= SlaneyBreakMel ? SlaneyBreakHz * Math.Exp(SlaneyLogStep * (mel - SlaneyBreakMel)) : SlaneyHzPerMel * mel;
    }
}
