namespace Dino.Repro.Metrics.Audio;

/// <summary>
/// Which mel-cepstral distance: the papers' "MCD" (Kubichek 1993) is computed in incompatible ways by the common
/// tools, so every score names its variant.
/// </summary>
public enum McdVariant
{
    /// <summary>mel-cepstral-distance 0.0.4 (Taubert): DCT of log mel energies, MC_2..MC_16, no dB factor; see <see cref="MelCepstralDistance"/>.</summary>
    Taubert,
    /// <summary>ESPnet's evaluate_mcd.py: SPTK mcep, fastdtw radius 1 on c0..c_M, 10/ln 10·√(2Σ Δc²) dB; see <see cref="SptkMelCepstralDistance"/>.</summary>
    Espnet,
    /// <summary>The same SPTK mcep features compared frame by frame over c1..c_M (no DTW, c0 excluded).</summary>
    SptkNoDtw,
}
